// The per-part check of the consent statement, on hand-made alignments.
#include <gtest/gtest.h>

#include "studio/consent_match.h"

namespace echoes::studio {
namespace {

// An alignment of `statement` where every word lasts 0.3 s and scores `score`.
align::Alignment aligned(const ConsentStatement& statement, double score) {
  align::Alignment alignment;
  alignment.matches = true;
  alignment.match_score = score;
  for (std::size_t i = 0; i < statement.word_count; ++i) {
    align::AlignedWord word;
    word.start_s = 0.3 * i;
    word.end_s = 0.3 * (i + 1);
    word.match_per_frame = score;
    alignment.words.push_back(word);
  }
  return alignment;
}

const ConsentStatement kStatement = make_consent_statement("Ann Lee", {2026, 11, 25});

TEST(ConsentMatch, AWellReadStatementIsHeard) {
  const StatementCheck check = check_statement(aligned(kStatement, -0.5), kStatement);
  EXPECT_TRUE(check.heard);
  ASSERT_EQ(check.parts.size(), 4u);
  EXPECT_DOUBLE_EQ(check.parts[0].match_score, -0.5);
  EXPECT_FALSE(check.weakest);
}

TEST(ConsentMatch, OneBadPartIsEnoughToRefuse) {
  align::Alignment alignment = aligned(kStatement, -0.5);
  const StatementPart& name = kStatement.parts[0];
  alignment.words[name.first_word + 1].match_per_frame = -6.0;  // "lee": mean (-0.5 - 6) / 2 = -3.25
  const StatementCheck check = check_statement(alignment, kStatement);
  EXPECT_FALSE(check.heard);
  EXPECT_EQ(check.weakest, "name");
  EXPECT_DOUBLE_EQ(check.parts[0].match_score, -3.25);

  // A weak word inside an otherwise good part is tolerated...
  alignment = aligned(kStatement, -0.5);
  const StatementPart& year = kStatement.parts[3];  // "twenty twenty six"
  alignment.words[year.first_word + 2].match_per_frame = -4.0;
  EXPECT_TRUE(check_statement(alignment, kStatement).heard);
  // ... but one word that clearly is another word refuses, though the part's mean is fine.
  alignment.words[year.first_word + 2].match_per_frame = -5.0;  // mean -2.0
  const StatementCheck changed_year = check_statement(alignment, kStatement);
  EXPECT_FALSE(changed_year.heard);
  EXPECT_EQ(changed_year.weakest, "year");
  EXPECT_DOUBLE_EQ(changed_year.parts[3].worst_word_score, -5.0);
}

TEST(ConsentMatch, WordsAreWeightedByDuration) {
  align::Alignment alignment = aligned(kStatement, -0.5);
  const StatementPart& day = kStatement.parts[2];  // "twenty fifth"
  alignment.words[day.first_word].match_per_frame = -4.4;
  alignment.words[day.first_word].end_s = alignment.words[day.first_word].start_s + 0.1;  // short and bad
  const StatementCheck check = check_statement(alignment, kStatement);
  EXPECT_NEAR(check.parts[2].match_score, (0.1 * -4.4 + 0.3 * -0.5) / 0.4, 1e-9);
  EXPECT_TRUE(check.heard);
}

TEST(ConsentMatch, NoVerdictFromTheAlignerMeansNotHeard) {
  align::Alignment alignment = aligned(kStatement, -0.5);
  alignment.matches = false;
  EXPECT_FALSE(check_statement(alignment, kStatement).heard);
  alignment = aligned(kStatement, -0.5);
  alignment.words.pop_back();  // word count differs from the statement's
  EXPECT_FALSE(check_statement(alignment, kStatement).heard);
  EXPECT_FALSE(check_statement(align::Alignment{}, kStatement).heard);
}

}  // namespace
}  // namespace echoes::studio
