#include "eval/self_assessment.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "eval/flite_voices.h"
#include "eval_test_util.h"

namespace echoes::eval {
namespace {

// A smaller UBM than the default keeps the test quick; the ranking it checks is the same.
SelfAssessmentOptions quick_options() {
  SelfAssessmentOptions o;
  o.speaker_id.ubm.components = 32;
  o.speaker_id.ubm.em_iterations = 6;
  return o;
}

Recognizer& shared_recognizer() {
  static Recognizer recognizer;
  return recognizer;
}

// Kathleen: the voice "is built" from her first 30 prompts; 2 held-out prompts are compared
// (few, to keep pocketsphinx's share of the test time small).
struct Fixture {
  std::vector<audio::Audio> enrollment = testing::audio_only(testing::load_clips("kathleen", 0, 30));
  std::vector<std::pair<audio::Audio, std::string>> held = testing::load_clips("kathleen", 500, 2);

  std::vector<HeldOutClip> pairs(const std::function<audio::Audio(const audio::Audio&, const std::string&)>& synth) const {
    std::vector<HeldOutClip> out;
    for (const auto& [real, text] : held) out.push_back({text, real, synth(real, text)});
    return out;
  }
};

TEST(SelfAssessment, RealAudioScoresHighAndFliteScoresLow) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const Fixture f;
  const QualityAssessment same =
      assess_voice_quality(f.enrollment, f.pairs([](const audio::Audio& real, const std::string&) { return real; }),
                           shared_recognizer(), quick_options());
  EXPECT_EQ(same.clips, 2u);
  EXPECT_GT(same.real_margin, 0.0);
  EXPECT_DOUBLE_EQ(same.identified_fraction, 1.0);
  EXPECT_GE(same.similarity, 85.0);
  EXPECT_DOUBLE_EQ(same.clarity, 100.0);
  EXPECT_NEAR(same.mcd_db, 0.0, 1e-9);
  EXPECT_GE(same.naturalness, 99.0);
  EXPECT_GE(same.quality_score, 90.0);

  const QualityAssessment flite = assess_voice_quality(
      f.enrollment, f.pairs([](const audio::Audio&, const std::string& text) { return flite_speak("kal16", text); }),
      shared_recognizer(), quick_options());
  EXPECT_LT(flite.similarity, 30.0);
  EXPECT_GT(flite.mcd_db, same.mcd_db + 2.0);
  EXPECT_LT(flite.quality_score, same.quality_score - 25.0);
}

TEST(SelfAssessment, RejectsUnknownTargetAndNoClips) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const Fixture f;
  const std::vector<audio::Audio> few(f.enrollment.begin(), f.enrollment.begin() + 5);
  const SpeakerIdentifier id({{"a", few}, {"b", {flite_speak("slt", default_background_texts()[0]),
                                                          flite_speak("slt", default_background_texts()[1])}}});
  EXPECT_THROW(assess_voice_quality(id, "nobody", f.pairs([](const audio::Audio& r, const std::string&) { return r; }),
                                    shared_recognizer()),
               Error);
  EXPECT_THROW(assess_voice_quality(id, "a", {}, shared_recognizer()), Error);
}

TEST(FliteVoices, SpeakEveryStockVoice) {
  for (const std::string& voice : flite_voice_names()) {
    const audio::Audio a = flite_speak(voice, "Hello there.");
    EXPECT_EQ(a.rate_hz, 16000) << voice;
    EXPECT_GT(a.duration_s(), 0.3) << voice;
  }
  EXPECT_THROW(flite_speak("nobody", "Hello."), Error);
  EXPECT_THROW(flite_speak("slt", " ,. "), Error);
}

}  // namespace
}  // namespace echoes::eval
