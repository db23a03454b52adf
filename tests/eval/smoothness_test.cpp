// The smoothness measures (eval/smoothness.h) on signals whose answer is known, and on real
// speech against a copy with broken glottal rhythm.
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "audio/decode.h"
#include "eval/smoothness.h"
#include "support/test_data.h"

namespace echoes::eval {
namespace {

constexpr int kRate = 16000;

/// A glottal-pulse-like train: each period a decaying resonance at 700 Hz.
audio::Audio pulse_train(double seconds, double f0_hz, double f0_after_half_hz = 0.0) {
  audio::Audio a{std::vector<float>(std::size_t(seconds * kRate), 0.0f), kRate};
  double next = 0.0;
  while (next < double(a.samples.size())) {
    const double f0 = f0_after_half_hz > 0 && next > a.samples.size() / 2.0 ? f0_after_half_hz : f0_hz;
    for (int k = 0; k < 200 && std::size_t(next) + k < a.samples.size(); ++k) {
      a.samples[std::size_t(next) + k] += float(0.5 * std::exp(-k / 30.0) * std::sin(2 * M_PI * 700.0 * k / kRate));
    }
    next += kRate / f0;
  }
  return a;
}

TEST(Smoothness, ASteadyPulseTrainIsOneLongPeriodicRun) {
  const Smoothness s = measure_smoothness(pulse_train(1.0, 120.0));
  EXPECT_GT(s.median_periodicity, 0.95);
  EXPECT_EQ(s.voiced_runs, 1u);
  EXPECT_NEAR(s.mean_voiced_run_s, 1.0, 0.05);
  EXPECT_EQ(s.f0_jumps, 0u);
  EXPECT_EQ(s.spectral_jumps, 0u);
}

TEST(Smoothness, NoiseIsNotVoiced) {
  std::mt19937 rng(3);
  std::normal_distribution<float> noise(0.0f, 0.1f);
  audio::Audio a{std::vector<float>(kRate, 0.0f), kRate};
  for (float& v : a.samples) v = noise(rng);
  const Smoothness s = measure_smoothness(a);
  EXPECT_LT(s.median_periodicity, 0.3);
  EXPECT_EQ(s.voiced_runs, 0u);
  EXPECT_NEAR(s.speech_s, 1.0, 0.05);
}

TEST(Smoothness, AnF0StepIsOneJump) {
  const Smoothness s = measure_smoothness(pulse_train(1.0, 120.0, 160.0));  // +5 semitones at 0.5 s
  EXPECT_GE(s.f0_jumps, 1u);
  EXPECT_LE(s.f0_jumps, 3u);
}

TEST(Smoothness, SilenceGivesZeros) {
  const Smoothness s = measure_smoothness(audio::Audio{std::vector<float>(kRate, 0.0f), kRate});
  EXPECT_EQ(s.speech_s, 0.0);
  EXPECT_EQ(s.voiced_runs, 0u);
  EXPECT_EQ(s.median_periodicity, 0.0);
}

TEST(Smoothness, BrokenGlottalRhythmInRealSpeechIsMeasured) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto real = audio::decode_audio_file(testing::speech_dir() / "kathleen/audio/arctic_a0001.flac").audio;
  // Every 30 ms, drop a random 2-6 ms: the joins of a careless concatenation.
  audio::Audio broken{{}, real.rate_hz};
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> drop(real.rate_hz * 2 / 1000, real.rate_hz * 6 / 1000);
  const std::size_t piece = std::size_t(real.rate_hz * 0.03);
  for (std::size_t i = 0; i < real.samples.size(); i += piece) {
    const std::size_t end = std::min(real.samples.size(), i + piece);
    broken.samples.insert(broken.samples.end(), real.samples.begin() + long(i), real.samples.begin() + long(end));
    i += std::size_t(drop(rng));
  }
  const Smoothness r = measure_smoothness(real), b = measure_smoothness(broken);
  EXPECT_GT(r.median_periodicity, 0.6);
  EXPECT_GT(r.mean_voiced_run_s, 0.08);
  EXPECT_LT(b.median_periodicity, 0.95 * r.median_periodicity);
  EXPECT_LT(b.mean_voiced_run_s, 0.9 * r.mean_voiced_run_s);
}

}  // namespace
}  // namespace echoes::eval
