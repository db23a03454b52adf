#include <gtest/gtest.h>

#include "audio/pitch.h"
#include "common/error.h"
#include "text/flite_speech.h"

namespace echoes::text {
namespace {

TEST(FliteSpeech, GivesAudioWithPhoneTimingsInsideIt) {
  const FliteSpeech s = flite_speak("kal16", "The usual measure.");
  ASSERT_EQ(s.audio.rate_hz, 16000);
  ASSERT_GT(s.audio.duration_s(), 0.5);
  ASSERT_GE(s.segments.size(), 10u);
  EXPECT_EQ(s.segments.front().phone, "pau");
  int zh = 0;
  double previous_end_s = 0.0;
  for (const auto& seg : s.segments) {
    EXPECT_DOUBLE_EQ(seg.start_s, previous_end_s);
    EXPECT_GE(seg.end_s, seg.start_s);
    EXPECT_LE(seg.end_s, s.audio.duration_s() + 1e-9);
    EXPECT_EQ(seg.word_index < 0, seg.phone == "pau");
    previous_end_s = seg.end_s;
    zh += seg.phone == "zh";
  }
  EXPECT_EQ(zh, 2);  // usual, measure
  EXPECT_EQ(s.segments[1].word_index, 0);
  EXPECT_TRUE(s.segments[1].syllable_start);
}

TEST(FliteSpeech, ProsodyAppliesToThatUtteranceOnly) {
  const auto median_f0 = [](const FliteSpeech& s) { return audio::median_voiced_f0_hz(audio::track_pitch(s.audio)); };
  const double own = median_f0(flite_speak("kal16", "A loud shout in the long room."));
  FliteProsody higher;
  higher.f0_mean_hz = 200.0;
  higher.f0_stddev_hz = 25.0;
  const double raised = median_f0(flite_speak("kal16", "A loud shout in the long room.", higher));
  EXPECT_LT(own, 110.0);
  EXPECT_GT(raised, 170.0);
  EXPECT_LT(raised, 230.0);
  EXPECT_NEAR(median_f0(flite_speak("kal16", "A loud shout in the long room.")), own, 1.0);
}

TEST(FliteSpeech, UnknownVoiceOrNothingToSayIsAClearError) {
  EXPECT_THROW(flite_speak("nobody", "Hello."), Error);
  EXPECT_THROW(flite_speak("kal16", " ,. "), Error);
}

}  // namespace
}  // namespace echoes::text
