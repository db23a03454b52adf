#include "eval/word_errors.h"

#include <gtest/gtest.h>

namespace echoes::eval {
namespace {

TEST(WordErrors, IdenticalTextHasNoErrors) {
  const WordErrors e = count_word_errors("Go forward, ten meters!", "go forward ten meters");
  EXPECT_EQ(e.reference_words, 4u);
  EXPECT_EQ(e.errors(), 0u);
  EXPECT_DOUBLE_EQ(e.rate(), 0.0);
}

TEST(WordErrors, CountsEachKindOfEdit) {
  // "ten" -> "two" (sub), "meters" dropped (del), "now" added (ins).
  const WordErrors e = count_word_errors("go forward ten meters", "now go forward two");
  EXPECT_EQ(e.substitutions, 1u);
  EXPECT_EQ(e.deletions, 1u);
  EXPECT_EQ(e.insertions, 1u);
  EXPECT_DOUBLE_EQ(e.rate(), 0.75);
}

TEST(WordErrors, PrefersSubstitutionsOnTies) {
  const WordErrors e = count_word_errors("a b c", "a x c");
  EXPECT_EQ(e.substitutions, 1u);
  EXPECT_EQ(e.deletions + e.insertions, 0u);
}

TEST(WordErrors, EmptyHypothesisDeletesEverything) {
  const WordErrors e = count_word_errors("one two three", "");
  EXPECT_EQ(e.deletions, 3u);
  EXPECT_DOUBLE_EQ(e.rate(), 1.0);
}

TEST(WordErrors, InsertionsCanExceedOneHundredPercent) {
  const WordErrors e = count_word_errors("yes", "yes and no and maybe");
  EXPECT_EQ(e.insertions, 4u);
  EXPECT_DOUBLE_EQ(e.rate(), 4.0);
}

TEST(WordErrors, EmptyReferenceCountsInsertionsPerWord) {
  EXPECT_DOUBLE_EQ(count_word_errors("", "").rate(), 0.0);
  EXPECT_DOUBLE_EQ(count_word_errors("", "hello there").rate(), 2.0);
}

TEST(WordErrors, NormalizesCaseHyphensAndAlternatives) {
  EXPECT_EQ(scoring_words("O'Brien's well-known -- DOG(2)."),
            (std::vector<std::string>{"o'brien's", "well", "known", "dog"}));
  EXPECT_EQ(count_word_errors("WE ARE GOING", "we are(2) going").errors(), 0u);
}

TEST(WordErrors, AccumulatesAcrossUtterances) {
  WordErrors total = count_word_errors("a b", "a c");
  total += count_word_errors("d e f", "d e f g");
  EXPECT_EQ(total.reference_words, 5u);
  EXPECT_EQ(total.errors(), 2u);
  EXPECT_DOUBLE_EQ(total.rate(), 0.4);
}

}  // namespace
}  // namespace echoes::eval
