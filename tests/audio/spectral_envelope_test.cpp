#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "audio/frames.h"
#include "audio/spectral_envelope.h"

namespace echoes::audio {
namespace {

/// A 150 Hz pulse train through a two-resonance filter: speech-like harmonics and envelope.
Audio vowel_like(double seconds) {
  Audio a{std::vector<float>(std::size_t(seconds * kWorkingRateHz), 0.0f), kWorkingRateHz};
  const int period = kWorkingRateHz / 150;
  for (std::size_t i = 0; i < a.samples.size(); i += std::size_t(period)) a.samples[i] = 1.0f;
  double y1 = 0, y2 = 0, z1 = 0, z2 = 0;
  const auto pole = [](double hz, double bw) {
    const double r = std::exp(-std::numbers::pi * bw / kWorkingRateHz);
    return std::pair{2 * r * std::cos(2 * std::numbers::pi * hz / kWorkingRateHz), -r * r};
  };
  const auto [a1, a2] = pole(700, 100);
  const auto [b1, b2] = pole(1800, 150);
  for (float& s : a.samples) {
    const double y = s + a1 * y1 + a2 * y2;
    y2 = y1, y1 = y;
    const double z = y + b1 * z1 + b2 * z2;
    z2 = z1, z1 = z;
    s = float(0.01 * z);
  }
  return a;
}

std::size_t peak_bin(const std::vector<float>& env, std::size_t from, std::size_t to) {
  return std::size_t(std::max_element(env.begin() + long(from), env.begin() + long(to)) - env.begin());
}

TEST(SpectralEnvelope, FindsTheFormantNotTheHarmonics) {
  const Audio a = vowel_like(0.5);
  EnvelopeAnalyzer analyzer;
  std::vector<float> env;
  analyzer.log_envelope(a.samples, 4000, env);
  ASSERT_EQ(env.size(), 513u);
  const double bin_hz = double(kWorkingRateHz) / 1024.0;
  EXPECT_NEAR(double(peak_bin(env, 5, 60)) * bin_hz, 700.0, 100.0);
  // Smooth: no harmonic ripple of more than a few dB between neighbouring bins.
  for (std::size_t k = 1; k < 200; ++k) EXPECT_LT(std::abs(env[k] - env[k - 1]), 0.3f) << k;
}

TEST(SpectralEnvelope, WarpMovesFeaturesUpInFrequency) {
  std::vector<float> env(513, 0.0f);
  env[100] = 5.0f;
  const auto warped = warp_log_envelope(env, 1.2);
  EXPECT_EQ(peak_bin(warped, 0, 513), 120u);
  EXPECT_EQ(warp_log_envelope(env, 1.0), env);
}

TEST(SpectralEnvelope, IdentityMappingReproducesTheSignal) {
  const Audio a = vowel_like(0.5);
  const Audio b = apply_envelope_mapping(a, EnvelopeMapping{});
  ASSERT_EQ(b.samples.size(), a.samples.size());
  double err = 0.0, ref = 0.0;
  for (std::size_t i = 1000; i + 1000 < a.samples.size(); ++i) {
    err += (a.samples[i] - b.samples[i]) * (a.samples[i] - b.samples[i]);
    ref += a.samples[i] * a.samples[i];
  }
  EXPECT_LT(10.0 * std::log10(err / ref), -40.0);
}

TEST(SpectralEnvelope, MappingMovesTheFormantAndKeepsF0Harmonics) {
  const Audio a = vowel_like(0.5);
  EnvelopeMapping m;
  m.warp = 1.2;
  const Audio b = apply_envelope_mapping(a, m);
  EnvelopeAnalyzer analyzer;
  std::vector<float> before, after;
  analyzer.log_envelope(a.samples, 4000, before);
  analyzer.log_envelope(b.samples, 4000, after);
  const double bin_hz = double(kWorkingRateHz) / 1024.0;
  EXPECT_NEAR(double(peak_bin(after, 5, 60)) * bin_hz, 1.2 * double(peak_bin(before, 5, 60)) * bin_hz, 60.0);
}

}  // namespace
}  // namespace echoes::audio
