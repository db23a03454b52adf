#pragma once
// Helpers for the audio tests: synthetic signals and files written by libsndfile itself
// (an encoder independent of the code under test).
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include <sndfile.h>

#include "support/temp_dir.h"

namespace echoes::audio::testing {

inline std::vector<float> sine(double freq_hz, int rate_hz, double duration_s, double amplitude,
                               double phase = 0.0) {
  std::vector<float> x(static_cast<std::size_t>(std::lround(duration_s * rate_hz)));
  for (std::size_t n = 0; n < x.size(); ++n) {
    x[n] = static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * freq_hz * n / rate_hz + phase));
  }
  return x;
}

inline std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

/// Encodes interleaved float frames with libsndfile (format = SF_FORMAT_* major | minor).
inline std::vector<std::uint8_t> sndfile_encode(int format, int rate_hz, int channels,
                                                const std::vector<float>& interleaved) {
  echoes::testing::TempDir dir;
  const auto path = dir.path() / "clip";
  SF_INFO info{};
  info.samplerate = rate_hz;
  info.channels = channels;
  info.format = format;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (!file) throw std::runtime_error(std::string("sf_open failed: ") + sf_strerror(nullptr));
  // Let float data overshoot nothing: integer formats clip instead of wrapping.
  sf_command(file, SFC_SET_CLIPPING, nullptr, SF_TRUE);
  sf_writef_float(file, interleaved.data(), static_cast<sf_count_t>(interleaved.size() / channels));
  sf_close(file);
  return read_bytes(path);
}

/// Interleaves equal-length channel signals.
inline std::vector<float> interleave(const std::vector<std::vector<float>>& channels) {
  std::vector<float> out(channels.size() * channels[0].size());
  for (std::size_t n = 0; n < channels[0].size(); ++n) {
    for (std::size_t c = 0; c < channels.size(); ++c) out[n * channels.size() + c] = channels[c][n];
  }
  return out;
}

/// Fraction of the signal's power at freq_hz (Goertzel), 0..1 for a clean tone near 1.
inline double tone_power_fraction(const std::vector<float>& x, double freq_hz, int rate_hz) {
  const double w = 2.0 * std::numbers::pi * freq_hz / rate_hz;
  double s1 = 0.0, s2 = 0.0, total = 0.0;
  for (float v : x) {
    const double s0 = v + 2.0 * std::cos(w) * s1 - s2;
    s2 = s1;
    s1 = s0;
    total += static_cast<double>(v) * v;
  }
  const double power = s1 * s1 + s2 * s2 - 2.0 * std::cos(w) * s1 * s2;
  return total > 0.0 ? 2.0 * power / (static_cast<double>(x.size()) * total) : 0.0;
}

/// Signal-to-noise ratio of `test` against `reference` over their common length, dB.
inline double snr_db(const std::vector<float>& reference, const std::vector<float>& test,
                     std::size_t skip = 0) {
  const std::size_t n = std::min(reference.size(), test.size());
  double signal = 0.0, noise = 0.0;
  for (std::size_t i = skip; i + skip < n; ++i) {
    signal += static_cast<double>(reference[i]) * reference[i];
    const double d = static_cast<double>(reference[i]) - test[i];
    noise += d * d;
  }
  return 10.0 * std::log10(signal / std::max(noise, 1e-30));
}

}  // namespace echoes::audio::testing
