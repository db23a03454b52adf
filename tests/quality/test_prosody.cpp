#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "audio/decode.h"
#include "quality/prosody.h"
#include "quality/set_assessment.h"
#include "quality/voice_signature.h"
#include "support/test_data.h"

namespace echoes::quality {
namespace {

audio::Audio tone(double f0_hz, double seconds, double vibrato_semitones = 0.0) {
  audio::Audio a;
  const int n = static_cast<int>(seconds * a.rate_hz);
  double phase = 0.0;
  for (int i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / a.rate_hz;
    const double f = f0_hz * std::exp2(vibrato_semitones / 12.0 * std::sin(2 * M_PI * 0.5 * t));
    phase += 2 * M_PI * f / a.rate_hz;
    // A few harmonics so it looks voice-like to the pitch tracker.
    a.samples.push_back(static_cast<float>(0.2 * std::sin(phase) + 0.1 * std::sin(2 * phase) +
                                           0.05 * std::sin(3 * phase)));
  }
  return a;
}

audio::Audio concat_kathleen(int first, int count) {
  audio::Audio all;
  for (int i = first; i < first + count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "arctic_a%04d.flac", i);
    const auto d = audio::decode_audio_file(echoes::testing::speech_dir() / "kathleen" / "audio" / name);
    all.samples.insert(all.samples.end(), d.audio.samples.begin(), d.audio.samples.end());
  }
  return all;
}

TEST(Prosody, EmptyAudioGivesZeros) {
  const ProsodyFeatures p = measure_prosody(audio::Audio{});
  EXPECT_EQ(p.f0_median_hz, 0.0);
  EXPECT_EQ(p.speech_duration_s, 0.0);
  EXPECT_EQ(compute_voice_signature(audio::Audio{}).voiced_frames, 0);
}

TEST(Prosody, SteadyToneHasItsF0AndNoRange) {
  const ProsodyFeatures p = measure_prosody(tone(200.0, 2.0));
  EXPECT_NEAR(p.f0_median_hz, 200.0, 4.0);
  EXPECT_LT(p.f0_range_semitones, 0.5);
  EXPECT_GT(p.voiced_fraction, 0.9);
  EXPECT_NEAR(p.speech_duration_s, 2.0, 0.1);
}

TEST(Prosody, GlidingToneHasAWiderRange) {
  const ProsodyFeatures p = measure_prosody(tone(200.0, 4.0, 4.0));  // +-4 semitones
  EXPECT_GT(p.f0_range_semitones, 6.0);
  EXPECT_LT(p.f0_range_semitones, 9.0);
  EXPECT_GT(p.f0_stdev_semitones, 2.0);
}

TEST(Prosody, SegmentsLimitWhatCounts) {
  const ProsodyFeatures p = measure_prosody(tone(200.0, 3.0), {{0.5, 1.5}});
  EXPECT_NEAR(p.speech_duration_s, 1.0, 0.05);
}

TEST(Prosody, SpeakingRate) {
  EXPECT_DOUBLE_EQ(speaking_rate_syllables_per_s(150, 37.5), 4.0);
  EXPECT_EQ(speaking_rate_syllables_per_s(0, 10.0), 0.0);
  EXPECT_EQ(speaking_rate_syllables_per_s(10, 0.0), 0.0);
}

TEST(Prosody, KathleenIsPlausible) {
  ECHOES_REQUIRE_SPEECH_DATA();
  // Ten sentences (~30 s) of a 50-70-year-old woman reading: measured 150-161 Hz median F0,
  // 8-9.5 semitone range, ~24 dB loudness range.
  const ProsodyFeatures p = measure_prosody(concat_kathleen(1, 10));
  EXPECT_GT(p.f0_median_hz, 130.0);
  EXPECT_LT(p.f0_median_hz, 260.0);
  EXPECT_GT(p.f0_range_semitones, 4.0);
  EXPECT_LT(p.f0_range_semitones, 16.0);
  EXPECT_GT(p.voiced_fraction, 0.4);
  EXPECT_GT(p.loudness_range_db, 10.0);
  EXPECT_GT(p.speech_duration_s, 20.0);
}

TEST(VoiceSignature, SameSpeakerIsCloserThanAnother) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const VoiceSignature k1 = compute_voice_signature(concat_kathleen(1, 8));
  const VoiceSignature k2 = compute_voice_signature(concat_kathleen(101, 8));
  audio::Audio other;
  const auto dir = echoes::testing::speech_dir() / "speechocean" / "9649" / "audio";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto d = audio::decode_audio_file(entry.path());
    other.samples.insert(other.samples.end(), d.audio.samples.begin(), d.audio.samples.end());
    if (other.duration_s() > 25.0) break;
  }
  const VoiceSignature o = compute_voice_signature(other);
  ASSERT_GT(k1.voiced_frames, 500);
  ASSERT_GT(o.voiced_frames, 500);
  const double same = voice_distance(k1, k2);
  const double different = voice_distance(k1, o);
  EXPECT_LT(same, 1.0);
  EXPECT_GT(different, 1.5);
  EXPECT_DOUBLE_EQ(voice_distance(k1, k1), 0.0);
}

TEST(EmotionalRange, KathleenNeutralReadingIsMidRange) {
  ECHOES_REQUIRE_SPEECH_DATA();
  // Four groups of ten neutral CMU ARCTIC sentences stand in for four passages. Measured:
  // score 42 (F0 range ~8.8 st, loudness range ~24 dB, little variety between groups).
  // Syllable counts of a0001-a0040 from FliteFrontEnd, per group of ten.
  const int syllables[] = {127, 137, 156, 127};
  std::vector<RecordingSummary> takes;
  for (int g = 0; g < 4; ++g) {
    RecordingSummary r;
    r.recording_id = "g" + std::to_string(g);
    r.prosody = measure_prosody(concat_kathleen(1 + 10 * g, 10));
    r.syllable_count = syllables[g];
    takes.push_back(r);
  }
  const EmotionalRange e = measure_emotional_range(takes);
  EXPECT_EQ(e.passages_measured, 4);
  EXPECT_GT(e.score, 25);
  EXPECT_LT(e.score, 60);
  const double rate = speaking_rate_syllables_per_s(takes[0].syllable_count,
                                                    takes[0].prosody.speech_duration_s);
  EXPECT_GT(rate, 3.0);  // measured 4.5 syllables/s
  EXPECT_LT(rate, 6.5);
}

}  // namespace
}  // namespace echoes::quality
