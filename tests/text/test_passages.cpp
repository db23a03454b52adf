#include <sstream>

#include <gtest/gtest.h>

#include "text/coverage.h"
#include "text/flite_front_end.h"
#include "text/passages.h"

namespace echoes::text {
namespace {

int word_count(const std::string& s) {
  std::istringstream in(s);
  std::string w;
  int n = 0;
  while (in >> w) ++n;
  return n;
}

TEST(Passages, FourWithStableIdsAndSensibleLengths) {
  const auto& all = passages();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].id, "conversational-warmth");
  EXPECT_EQ(all[1].id, "emotional-expression");
  EXPECT_EQ(all[2].id, "wisdom-legacy");
  EXPECT_EQ(all[3].id, "technical-clarity");
  for (const auto& p : all) {
    EXPECT_FALSE(p.title.empty());
    EXPECT_FALSE(p.purpose.empty());
    EXPECT_FALSE(p.pacing_cue.empty());
    // About 150 words per minute of relaxed reading, within 20%.
    const double expected_words = p.target_duration_s * 150.0 / 60.0;
    EXPECT_NEAR(word_count(p.text), expected_words, 0.2 * expected_words) << p.id;
    EXPECT_EQ(find_passage(p.id), &p);
  }
  EXPECT_EQ(find_passage("nope"), nullptr);
}

TEST(Passages, CoverEveryPhoneAndManyDiphones) {
  const FliteFrontEnd fe;
  std::vector<Utterance> utterances;
  for (const auto& p : passages()) utterances.push_back(fe.analyze(p.text));
  const Coverage c = measure_coverage(inventory_of(utterances));
  // Measured 2025: 40/40 phones, 652/1680 diphones, 644/1299 reference types, 87.3% weighted.
  EXPECT_EQ(c.phones_present, 40);
  EXPECT_GE(c.diphones_present, 645);
  EXPECT_GE(c.reference_diphones_present, 635);
  EXPECT_GE(c.weighted_diphone_coverage, 0.87);
}

}  // namespace
}  // namespace echoes::text
