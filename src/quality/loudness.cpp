#include "quality/loudness.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace echoes::quality {
namespace {

// Analogue prototype of the K-weighting curve (the parameters that reproduce the
// BS.1770 48 kHz table exactly when transformed back to 48 kHz).
constexpr double kShelfHz = 1681.974450955533;
constexpr double kShelfGainDb = 3.999843853973347;
constexpr double kShelfQ = 0.7071752369554196;
constexpr double kHighPassHz = 38.13547087602444;
constexpr double kHighPassQ = 0.5003270373238773;
constexpr double kLoudnessOffsetDb = -0.691;  // BS.1770: makes 1 kHz read as its RMS level

Biquad high_shelf(double rate_hz) {
  const double k = std::tan(std::numbers::pi * kShelfHz / rate_hz);
  const double vh = std::pow(10.0, kShelfGainDb / 20.0);
  const double vb = std::pow(vh, 0.4996667741545416);
  const double a0 = 1.0 + k / kShelfQ + k * k;
  return {(vh + vb * k / kShelfQ + k * k) / a0, 2.0 * (k * k - vh) / a0,
          (vh - vb * k / kShelfQ + k * k) / a0, 2.0 * (k * k - 1.0) / a0,
          (1.0 - k / kShelfQ + k * k) / a0};
}

Biquad high_pass(double rate_hz) {
  const double k = std::tan(std::numbers::pi * kHighPassHz / rate_hz);
  const double a0 = 1.0 + k / kHighPassQ + k * k;
  return {1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / kHighPassQ + k * k) / a0};
}

// Squared K-weighted signal (transposed direct form II, double precision).
std::vector<double> k_weighted_power(std::span<const float> samples, double rate_hz) {
  const auto filters = k_weighting_filters(rate_hz);
  std::vector<double> out(samples.size());
  double s1[2] = {0, 0}, s2[2] = {0, 0};
  for (std::size_t i = 0; i < samples.size(); ++i) {
    double v = samples[i];
    for (int f = 0; f < 2; ++f) {
      const Biquad& q = filters[f];
      const double y = q.b0 * v + s1[f];
      s1[f] = q.b1 * v - q.a1 * y + s2[f];
      s2[f] = q.b2 * v - q.a2 * y;
      v = y;
    }
    out[i] = v * v;
  }
  return out;
}

double block_lufs(double mean_square) {
  return kLoudnessOffsetDb + 10.0 * std::log10(std::max(mean_square, 1e-300));
}

}  // namespace

std::array<Biquad, 2> k_weighting_filters(double rate_hz) {
  return {high_shelf(rate_hz), high_pass(rate_hz)};
}

double integrated_loudness_lufs(std::span<const float> samples, double rate_hz,
                                const LoudnessOptions& options) {
  if (samples.empty() || !(rate_hz > 0)) return options.floor_lufs;
  const std::vector<double> power = k_weighted_power(samples, rate_hz);
  // Prefix sums make each block's mean square O(1).
  std::vector<double> prefix(power.size() + 1, 0.0);
  for (std::size_t i = 0; i < power.size(); ++i) prefix[i + 1] = prefix[i] + power[i];

  const auto block_len = std::max<std::size_t>(1, std::lround(options.block_s * rate_hz));
  const auto step = std::max<std::size_t>(1, std::lround(options.step_s * rate_hz));
  std::vector<double> blocks;
  if (power.size() < block_len) {
    blocks.push_back(prefix.back() / static_cast<double>(power.size()));
  } else {
    for (std::size_t start = 0; start + block_len <= power.size(); start += step) {
      blocks.push_back((prefix[start + block_len] - prefix[start]) / block_len);
    }
  }

  auto gated_mean = [&](double gate_lufs) {
    double sum = 0.0;
    std::size_t count = 0;
    for (double z : blocks) {
      if (block_lufs(z) > gate_lufs) {
        sum += z;
        ++count;
      }
    }
    return count ? sum / count : -1.0;
  };
  const double absolute = gated_mean(options.absolute_gate_lufs);
  if (absolute < 0) return options.floor_lufs;
  const double relative_gate = block_lufs(absolute) + options.relative_gate_lu;
  const double gated = gated_mean(std::max(relative_gate, options.absolute_gate_lufs));
  return gated < 0 ? options.floor_lufs : std::max(block_lufs(gated), options.floor_lufs);
}

}  // namespace echoes::quality
