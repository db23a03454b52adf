#include <gtest/gtest.h>

#include "align/transcript.h"

using echoes::align::normalize_transcript;
using Words = std::vector<std::string>;

TEST(NormalizeTranscript, LowercasesAndStripsPunctuation) {
  EXPECT_EQ(normalize_transcript("Author of the danger trail, Philip Steels, etc."),
            (Words{"author", "of", "the", "danger", "trail", "philip", "steels", "etc"}));
}

TEST(NormalizeTranscript, KeepsInnerApostrophesDropsQuotes) {
  EXPECT_EQ(normalize_transcript("Lord, but I'm glad -- O'Brien said 'yes'."),
            (Words{"lord", "but", "i'm", "glad", "o'brien", "said", "yes"}));
}

TEST(NormalizeTranscript, SplitsHyphensAndDoubleDashes) {
  EXPECT_EQ(normalize_transcript("forty-two--typhoid"), (Words{"forty", "two", "typhoid"}));
}

TEST(NormalizeTranscript, FoldsTypographicQuotes) {
  EXPECT_EQ(normalize_transcript("Don\xE2\x80\x99t \xE2\x80\x9Cstop\xE2\x80\x9D"), (Words{"don't", "stop"}));
}

TEST(NormalizeTranscript, KeepsDigitsForTheFallback) {
  EXPECT_EQ(normalize_transcript("Room 42!"), (Words{"room", "42"}));
}

TEST(NormalizeTranscript, NothingSpeakableGivesNoWords) {
  EXPECT_TRUE(normalize_transcript("").empty());
  EXPECT_TRUE(normalize_transcript("... -- !? ' ,").empty());
}
