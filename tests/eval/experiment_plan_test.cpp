#include "acceptance/experiment_plan.h"

#include <set>

#include <gtest/gtest.h>

#include "audio/decode.h"
#include "support/test_data.h"

namespace echoes::eval {
namespace {

std::vector<SpeakerPlan> shared_plan() {
  return plan_experiment(load_shared_corpus(echoes::testing::speech_dir()), PlanOptions{},
                         [](const CorpusUtterance& u) { return audio::decode_audio_file(u.audio_path).audio.duration_s(); });
}

std::set<std::string> ids(const std::vector<CorpusUtterance>& list) {
  std::set<std::string> out;
  for (const auto& u : list) out.insert(u.id);
  return out;
}

TEST(ExperimentPlan, SplitsKathleenByDuration) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto plans = shared_plan();
  ASSERT_EQ(plans.size(), 8u);
  for (std::size_t i : {0u, 1u}) {  // Kathleen and bdl read the same prompts
    const SpeakerPlan& k = plans[i];
    EXPECT_EQ(k.speaker, i == 0 ? "kathleen" : "bdl");
    EXPECT_TRUE(k.native);
    EXPECT_EQ(k.build.front().id, "arctic_a0001");
    EXPECT_LT(k.build.back().id, "arctic_a0500");
    EXPECT_GE(k.build.size(), 50u);  // 180 s of ~3 s prompts
    ASSERT_EQ(k.synth.size(), 10u);
    EXPECT_EQ(k.synth.front().id, "arctic_a0500");
    for (const auto& item : k.synth) EXPECT_TRUE(item.real.has_value());
    EXPECT_EQ(k.enrollment.front().id, "arctic_a0540");
  }
}

TEST(ExperimentPlan, LearnersBuildFromTwoThirdsAndNeverSynthesizeBuildTexts) {
  ECHOES_REQUIRE_SPEECH_DATA();
  for (const SpeakerPlan& p : shared_plan()) {
    const auto build = ids(p.build);
    for (const auto& u : p.enrollment) EXPECT_EQ(build.count(u.id), 0u) << p.speaker;
    for (const auto& s : p.synth) EXPECT_EQ(build.count(s.id), 0u) << p.speaker;
    EXPECT_GE(p.synth.size(), 10u) << p.speaker;
    if (p.native) continue;
    EXPECT_EQ(p.build.size(), 14u) << p.speaker;
    EXPECT_EQ(p.enrollment.size(), 6u) << p.speaker;
    std::size_t paired = 0;
    for (const auto& s : p.synth) paired += s.real ? 1 : 0;
    EXPECT_EQ(paired, 6u) << p.speaker;
  }
}

TEST(ExperimentPlan, MissingCorpusIsReported) {
  EXPECT_THROW(load_shared_corpus("/nonexistent-echoes-corpus"), std::exception);
}

}  // namespace
}  // namespace echoes::eval
