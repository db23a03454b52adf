// The consent statement's wording and its date: one exact way to read each day aloud.
#include <gtest/gtest.h>

#include "align/transcript.h"
#include "studio/consent_text.h"

namespace echoes::studio {
namespace {

TEST(ConsentText, DateOfAUnixTimeIsTheUtcDay) {
  EXPECT_EQ(utc_date(1795564800.0), (CalendarDate{2026, 11, 25}));        // 2026-11-25 00:00:00 UTC
  EXPECT_EQ(utc_date(1795564800.0 - 1.0), (CalendarDate{2026, 11, 24}));  // one second earlier
  EXPECT_EQ(utc_date(1709251199.0), (CalendarDate{2024, 2, 29}));         // last second of a leap day
}

TEST(ConsentText, SpellsDatesTheWayTheyAreRead) {
  EXPECT_EQ(display_date({2026, 11, 25}), "November 25, 2026");
  EXPECT_EQ(spoken_date({2026, 11, 25}), "November twenty-fifth, twenty twenty-six");
  EXPECT_EQ(spoken_date({2000, 1, 1}), "January first, two thousand");
  EXPECT_EQ(spoken_date({2009, 3, 2}), "March second, two thousand nine");
  EXPECT_EQ(spoken_date({2010, 5, 3}), "May third, twenty ten");
  EXPECT_EQ(spoken_date({2030, 12, 30}), "December thirtieth, twenty thirty");
  EXPECT_EQ(spoken_date({1999, 7, 31}), "July thirty-first, nineteen ninety-nine");
  EXPECT_EQ(spoken_date({2100, 8, 12}), "August twelfth, twenty-one hundred");
  EXPECT_EQ(spoken_date({2105, 9, 20}), "September twentieth, twenty-one oh five");
}

TEST(ConsentText, StatementNamesThePersonAndTheDay) {
  EXPECT_EQ(consent_statement("  Ann Lee ", {2026, 11, 25}),
            "I, Ann Lee, agree that Echoes may create a synthetic copy of my voice on November twenty-fifth, "
            "twenty twenty-six.");
  EXPECT_EQ(consent_statement("", {2026, 1, 2}),
            "I agree that Echoes may create a synthetic copy of my voice on January second, twenty twenty-six.");
}

TEST(ConsentText, PartsPointAtTheNameAndDateWords) {
  const ConsentStatement statement = make_consent_statement("Mary-Jane O'Brien", {2026, 5, 21});
  const auto words = align::normalize_transcript(statement.text);
  ASSERT_EQ(words.size(), statement.word_count);
  const auto text_of = [&](const StatementPart& part) {
    std::string joined;
    for (std::size_t i = part.first_word; i < part.first_word + part.word_count; ++i) joined += words[i] + " ";
    return joined;
  };
  ASSERT_EQ(statement.parts.size(), 4u);
  EXPECT_EQ(statement.parts[0].what, "name");
  EXPECT_EQ(text_of(statement.parts[0]), "mary jane o'brien ");
  EXPECT_EQ(statement.parts[1].what, "month");
  EXPECT_EQ(text_of(statement.parts[1]), "may ");  // not the "may" of "Echoes may create"
  EXPECT_EQ(text_of(statement.parts[2]), "twenty first ");
  EXPECT_EQ(text_of(statement.parts[3]), "twenty twenty six ");
  EXPECT_EQ(make_consent_statement("", {2026, 5, 21}).parts.size(), 3u);  // no name part
}

TEST(ConsentText, IsoDatesRoundTripAndBadOnesAreRefused) {
  EXPECT_EQ(iso_date({2026, 11, 5}), "2026-11-05");
  EXPECT_EQ(parse_iso_date("2026-11-05"), (CalendarDate{2026, 11, 5}));
  EXPECT_EQ(parse_iso_date("2024-02-29"), (CalendarDate{2024, 2, 29}));
  for (const char* bad : {"", "2026-11-5", "2026-13-01", "2026-02-29", "2026-04-31", "26-11-05", "2026/11/05",
                          "2026-11-05x", "abcd-ef-gh", "0000-01-01"}) {
    EXPECT_FALSE(parse_iso_date(bad)) << bad;
  }
}

}  // namespace
}  // namespace echoes::studio
