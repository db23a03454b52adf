#include <gtest/gtest.h>

#include "text/dates.h"
#include "text/phone_set.h"
#include "text/sanitize.h"
#include "text/sentences.h"

namespace echoes::text {
namespace {

using Strings = std::vector<std::string>;

TEST(SplitSentences, SplitsAtTerminatorsAndKeepsQuotes) {
  EXPECT_EQ(split_sentences("Hello there. How are you? I'm fine! \"Really.\" Yes."),
            (Strings{"Hello there.", "How are you?", "I'm fine!", "\"Really.\"", "Yes."}));
}

TEST(SplitSentences, KeepsAbbreviationsInitialsAndDecimals) {
  EXPECT_EQ(split_sentences("Dr. Smith met Mrs. J. Jones at 3.30 p.m. today. Then he left."),
            (Strings{"Dr. Smith met Mrs. J. Jones at 3.30 p.m. today.", "Then he left."}));
}

TEST(SplitSentences, BlankLinesBreakAndEmptyInputGivesNothing) {
  EXPECT_EQ(split_sentences("A title\n\nSome text\nwrapped here"),
            (Strings{"A title", "Some text\nwrapped here"}));
  EXPECT_TRUE(split_sentences("").empty());
  EXPECT_TRUE(split_sentences("  \n\n  ").empty());
  EXPECT_EQ(split_sentences("No ending"), (Strings{"No ending"}));
  EXPECT_EQ(split_sentences("Wait... what?! OK."), (Strings{"Wait...", "what?!", "OK."}));
}

TEST(SanitizeText, FoldsAndCleans) {
  EXPECT_EQ(sanitize_text("  Caf\xC3\xA9\t\x01 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x94 ok\xE2\x80\xA6 "),
            "Cafe \"quoted\" - ok...");
  EXPECT_EQ(sanitize_text("stra\xC3\x9F" "e \xF0\x9F\x98\x80!"), "strasse !");
  EXPECT_EQ(sanitize_text("\xFF\xFE\xC0\xAF"), "");  // invalid and overlong sequences
  SanitizeOptions o;
  o.max_token_chars = 4;
  EXPECT_EQ(sanitize_text("abcdefghij kl", o), "abcd efgh ij kl");
}

TEST(ExpandNumericDates, WritesUsDatesInWords) {
  EXPECT_EQ(expand_numeric_dates("on 3/4/2021."), "on March fourth, 2021.");
  EXPECT_EQ(expand_numeric_dates("12-31-1999"), "December thirty first, 1999");
  EXPECT_EQ(expand_numeric_dates("1/2 cup, 13/1/2020, 3/4/21, 1/2/20201"),
            "1/2 cup, 13/1/2020, 3/4/21, 1/2/20201");
}

TEST(PhoneSet, InventorySizes) {
  EXPECT_EQ(english_phones().size(), 40u);
  EXPECT_EQ(english_diphone_inventory().size(), 40u * 40u + 80u);
  EXPECT_TRUE(is_english_phone("zh"));
  EXPECT_FALSE(is_english_phone("pau"));
  EXPECT_TRUE(is_vowel("ax"));
  EXPECT_FALSE(is_vowel("s"));
}

}  // namespace
}  // namespace echoes::text
