#include "audio/pitch.h"

#include <random>

#include <gtest/gtest.h>

#include "audio/decode.h"
#include "audio_test_util.h"
#include "common/error.h"
#include "support/test_data.h"

namespace echoes::audio {
namespace {

Audio make_audio(std::vector<float> samples, int rate_hz = kWorkingRateHz) {
  Audio a;
  a.samples = std::move(samples);
  a.rate_hz = rate_hz;
  return a;
}

// Band-limited pulse train: all harmonics of f0 below 0.45 * rate. With formant_hz > 0 it
// becomes vowel-like: a -6 dB/octave source (amplitude 1/k, glottal flow plus lip radiation)
// through a two-pole resonance (bandwidth 100 Hz) that makes a higher harmonic dominate.
std::vector<float> pulse_train(double f0_hz, int rate_hz, double duration_s, double formant_hz = 0.0) {
  std::vector<float> x(static_cast<std::size_t>(duration_s * rate_hz), 0.0f);
  const int harmonics = static_cast<int>(0.45 * rate_hz / f0_hz);
  for (int k = 1; k <= harmonics; ++k) {
    const double f = k * f0_hz;
    double gain = 1.0;
    if (formant_hz > 0.0) {
      const double ratio = f / formant_hz;
      gain = (1.0 / k) / std::hypot(1.0 - ratio * ratio, f * 100.0 / (formant_hz * formant_hz));
    }
    for (std::size_t n = 0; n < x.size(); ++n) {
      x[n] += static_cast<float>(gain * std::cos(2.0 * std::numbers::pi * f * n / rate_hz));
    }
  }
  const float peak = *std::max_element(x.begin(), x.end());
  for (auto& v : x) v *= 0.5f / peak;
  return x;
}

// Checks the interior frames (away from the on/off edges) of a steady signal.
void expect_steady_f0(const PitchTrack& track, double f0_hz) {
  const std::size_t edge = static_cast<std::size_t>(0.05 / track.hop_s);
  ASSERT_GT(track.f0_hz.size(), 2 * edge + 10);
  std::size_t voiced = 0, total = 0;
  for (std::size_t i = edge; i + edge < track.f0_hz.size(); ++i, ++total) {
    if (track.f0_hz[i] <= 0.0f) continue;
    ++voiced;
    EXPECT_NEAR(track.f0_hz[i], f0_hz, 0.02 * f0_hz) << "frame " << i;
  }
  EXPECT_GE(voiced, total * 98 / 100) << "voiced " << voiced << " of " << total;
  EXPECT_NEAR(median_voiced_f0_hz(track), f0_hz, 0.005 * f0_hz);
}

class PitchOfTones : public ::testing::TestWithParam<double> {};

TEST_P(PitchOfTones, SineIsTrackedWithin2Percent) {
  const double f0 = GetParam();
  expect_steady_f0(track_pitch(make_audio(testing::sine(f0, kWorkingRateHz, 1.0, 0.3))), f0);
}

TEST_P(PitchOfTones, PulseTrainIsTrackedWithin2Percent) {
  const double f0 = GetParam();
  expect_steady_f0(track_pitch(make_audio(pulse_train(f0, kWorkingRateHz, 1.0))), f0);
}

TEST_P(PitchOfTones, VowelLikeSignalWithAStrongHigherHarmonicKeepsItsF0) {
  const double f0 = GetParam();
  expect_steady_f0(track_pitch(make_audio(pulse_train(f0, kWorkingRateHz, 1.0, 3.5 * f0))), f0);
}

INSTANTIATE_TEST_SUITE_P(SpeechRange, PitchOfTones,
                         ::testing::Values(60.0, 85.0, 110.0, 150.0, 196.0, 247.0, 330.0, 440.0, 580.0));

TEST(Pitch, WorksAtOtherInputRates) {
  for (int rate : {8000, 16000, 48000}) {
    SCOPED_TRACE(rate);
    expect_steady_f0(track_pitch(make_audio(pulse_train(180.0, rate, 1.0), rate)), 180.0);
  }
}

TEST(Pitch, FollowsAGlide) {
  // F0 rises linearly from 120 to 240 Hz over 2 s; phase is the integral of frequency.
  const int rate = kWorkingRateHz;
  std::vector<float> x(2 * rate);
  double phase = 0.0;
  for (std::size_t n = 0; n < x.size(); ++n) {
    const double f = 120.0 + 60.0 * n / rate;
    phase += 2.0 * std::numbers::pi * f / rate;
    x[n] = static_cast<float>(0.3 * (std::sin(phase) + 0.5 * std::sin(2 * phase) + 0.3 * std::sin(3 * phase)));
  }
  const PitchTrack track = track_pitch(make_audio(x));
  std::size_t checked = 0;
  for (std::size_t i = 5; i + 5 < track.f0_hz.size(); ++i) {
    const double t = i * track.hop_s;
    ASSERT_GT(track.f0_hz[i], 0.0f) << "frame " << i;
    EXPECT_NEAR(track.f0_hz[i], 120.0 + 60.0 * t, 0.02 * (120.0 + 60.0 * t)) << "t " << t;
    ++checked;
  }
  EXPECT_GT(checked, 180u);
}

TEST(Pitch, SilenceAndNoiseAreUnvoiced) {
  const PitchTrack silence = track_pitch(make_audio(std::vector<float>(kWorkingRateHz, 0.0f)));
  EXPECT_EQ(voiced_fraction(silence), 0.0);
  for (float p : silence.periodicity) EXPECT_EQ(p, 0.0f);

  std::mt19937 rng(3);
  std::normal_distribution<float> gauss(0.0f, 0.1f);
  std::vector<float> noise(2 * kWorkingRateHz);
  for (auto& v : noise) v = gauss(rng);
  const PitchTrack track = track_pitch(make_audio(noise));
  EXPECT_LT(voiced_fraction(track), 0.05);
}

TEST(Pitch, FramesAreCentredOnTheHopGrid) {
  // 0.5 s of tone, then 0.5 s of silence: the switch must land at frame 50 (+-3).
  auto x = testing::sine(200.0, kWorkingRateHz, 0.5, 0.3);
  x.resize(kWorkingRateHz, 0.0f);
  const PitchTrack track = track_pitch(make_audio(x));
  ASSERT_EQ(track.f0_hz.size(), 101u);  // floor(1.0 / 0.01) + 1
  ASSERT_EQ(track.periodicity.size(), 101u);
  // Frame 0 sees half a window of padding; it may go either way.
  for (std::size_t i = 2; i < 47; ++i) EXPECT_GT(track.f0_hz[i], 0.0f) << i;
  for (std::size_t i = 53; i < 101; ++i) EXPECT_EQ(track.f0_hz[i], 0.0f) << i;
  EXPECT_GT(track.periodicity[25], 0.95f);
}

TEST(Pitch, FiveMillisecondHopDoublesTheFrames) {
  PitchOptions options;
  options.hop_s = 0.005;
  const PitchTrack track = track_pitch(make_audio(pulse_train(150.0, kWorkingRateHz, 1.0)), options);
  EXPECT_DOUBLE_EQ(track.hop_s, 0.005);
  EXPECT_EQ(track.f0_hz.size(), 201u);
  expect_steady_f0(track, 150.0);
}

TEST(Pitch, QuietButPeriodicSignalIsGatedByLevel) {
  PitchOptions options;
  options.min_level_dbfs = -40.0;
  const auto quiet = make_audio(testing::sine(200.0, kWorkingRateHz, 0.5, 0.001));  // -63 dBFS
  EXPECT_EQ(voiced_fraction(track_pitch(quiet, options)), 0.0);
  options.min_level_dbfs = -80.0;
  EXPECT_GT(voiced_fraction(track_pitch(quiet, options)), 0.9);
}

TEST(Pitch, EmptyAudioAndBadOptions) {
  EXPECT_TRUE(track_pitch(Audio{}).f0_hz.empty());
  EXPECT_EQ(voiced_fraction(PitchTrack{}), 0.0);
  EXPECT_EQ(median_voiced_f0_hz(PitchTrack{}), 0.0);
  const Audio a = make_audio(testing::sine(200.0, kWorkingRateHz, 0.1, 0.3));
  PitchOptions bad;
  bad.min_f0_hz = 700.0;
  EXPECT_THROW(track_pitch(a, bad), Error);
  bad = PitchOptions{};
  bad.hop_s = 0.0;
  EXPECT_THROW(track_pitch(a, bad), Error);
  bad = PitchOptions{};
  bad.max_f0_hz = 3000.0;
  EXPECT_THROW(track_pitch(a, bad), Error);
}

TEST(PitchOnSpeech, KathleenSoundsLikeAnOlderWoman) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto dir = echoes::testing::speech_dir() / "kathleen" / "audio";
  std::vector<float> all_f0;
  std::size_t frames = 0;
  for (int i = 1; i <= 20; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "arctic_a%04d.flac", i);
    const PitchTrack track = track_pitch(decode_audio_file(dir / name).audio);
    frames += track.f0_hz.size();
    for (float f : track.f0_hz) {
      if (f > 0.0f) all_f0.push_back(f);
    }
  }
  ASSERT_FALSE(all_f0.empty());
  std::sort(all_f0.begin(), all_f0.end());
  const double median = all_f0[all_f0.size() / 2];
  const double voiced = static_cast<double>(all_f0.size()) / frames;
  const double p5 = all_f0[all_f0.size() / 20];
  const double p95 = all_f0[all_f0.size() * 19 / 20];
  std::printf("kathleen: median F0 %.1f Hz, 5-95%% %.1f-%.1f Hz, voiced %.2f\n", median, p5, p95, voiced);
  EXPECT_GT(median, 150.0);
  EXPECT_LT(median, 250.0);
  EXPECT_GT(voiced, 0.30);
  EXPECT_LT(voiced, 0.85);
  // Octave errors would spread the distribution far beyond one speaker's range.
  EXPECT_GT(p5, 0.5 * median);
  EXPECT_LT(p95, 2.0 * median);
}

}  // namespace
}  // namespace echoes::audio
