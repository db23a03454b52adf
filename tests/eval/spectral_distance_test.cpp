#include "eval/spectral_distance.h"

#include <random>

#include <gtest/gtest.h>

#include "common/error.h"
#include "acceptance/pitch_shift.h"
#include "eval_test_util.h"

namespace echoes::eval {
namespace {

audio::Audio with_noise(const audio::Audio& a, double snr_db) {
  double power = 0.0;
  for (float s : a.samples) power += s * s;
  power /= a.samples.size();
  std::mt19937 rng(5);
  std::normal_distribution<float> noise(0.0f, static_cast<float>(std::sqrt(power / std::pow(10.0, snr_db / 10.0))));
  audio::Audio out = a;
  for (float& s : out.samples) s += noise(rng);
  return out;
}

TEST(SpectralDistance, IdenticalAudioHasZeroDistortion) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const audio::Audio clip = testing::load_clips("kathleen", 0, 1).front().first;
  const SpectralDistance d = mel_cepstral_distortion(clip, clip);
  EXPECT_NEAR(d.mcd_db, 0.0, 1e-9);
  EXPECT_NEAR(d.duration_ratio, 1.0, 1e-9);
  EXPECT_GT(d.path_frames, 100u);
}

TEST(SpectralDistance, LevelAndSurroundingSilenceDoNotCount) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const audio::Audio clip = testing::load_clips("kathleen", 1, 1).front().first;
  audio::Audio padded = clip;
  for (float& s : padded.samples) s *= 0.5f;
  padded.samples.insert(padded.samples.begin(), 11025, 0.0f);
  padded.samples.insert(padded.samples.end(), 11025, 0.0f);
  EXPECT_LT(mel_cepstral_distortion(clip, padded).mcd_db, 0.3);
}

TEST(SpectralDistance, GrowsWithDistortion) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const audio::Audio clip = testing::load_clips("kathleen", 2, 1).front().first;
  const double mild = mel_cepstral_distortion(clip, with_noise(clip, 30.0)).mcd_db;
  const double strong = mel_cepstral_distortion(clip, with_noise(clip, 10.0)).mcd_db;
  const double other = mel_cepstral_distortion(clip, testing::load_clips("kathleen", 3, 1).front().first).mcd_db;
  EXPECT_GT(mild, 0.2);
  EXPECT_GT(strong, mild + 0.5);
  EXPECT_GT(other, mild);
}

TEST(SpectralDistance, SilentClipIsRejected) {
  const audio::Audio tone = testing::harmonic_tone(150.0, 1.0);
  try {
    mel_cepstral_distortion(tone, audio::Audio{std::vector<float>(16000, 0.0f), 16000});
    FAIL() << "silence was compared";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "no_speech");
  }
}

TEST(F0Statistics, MedianDifferenceInSemitones) {
  const F0Statistics low = f0_statistics(testing::harmonic_tone(120.0, 1.0));
  const F0Statistics high = f0_statistics(testing::harmonic_tone(120.0 * std::pow(2.0, 3.0 / 12.0), 1.0));
  EXPECT_NEAR(low.median_hz, 120.0, 2.0);
  EXPECT_LT(low.range_st, 0.5);
  EXPECT_GT(low.voiced_fraction, 0.8);
  const F0Comparison c = compare_f0(low, high);
  EXPECT_TRUE(c.comparable);
  EXPECT_NEAR(c.median_difference_st, 3.0, 0.3);
}

TEST(F0Statistics, RealSpeechShiftedByResampling) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const audio::Audio clip = testing::load_clips("kathleen", 4, 1).front().first;
  const F0Comparison c = compare_f0(f0_statistics(clip), f0_statistics(shift_pitch_by_resampling(clip, 2.0)));
  EXPECT_NEAR(c.median_difference_st, 2.0, 0.5);
  EXPECT_NEAR(c.range_difference_st, 0.0, 1.0);
}

TEST(F0Statistics, SilenceIsNotComparable) {
  const F0Statistics silent = f0_statistics(audio::Audio{std::vector<float>(16000, 0.0f), 16000});
  EXPECT_EQ(silent.voiced_frames, 0u);
  EXPECT_FALSE(compare_f0(silent, f0_statistics(testing::harmonic_tone(150.0, 1.0))).comparable);
}

}  // namespace
}  // namespace echoes::eval
