#pragma once
// The in-memory audio type every DSP function works on.
#include <cstddef>
#include <vector>

namespace echoes::audio {

/// Echoes' working rate: every decoded recording is resampled to this.
inline constexpr int kWorkingRateHz = 22050;

/// Mono floating-point audio. Samples are in [-1, 1] full scale (0 dBFS = 1.0).
struct Audio {
  std::vector<float> samples;
  int rate_hz = kWorkingRateHz;

  double duration_s() const {
    return rate_hz > 0 ? static_cast<double>(samples.size()) / rate_hz : 0.0;
  }
  bool empty() const { return samples.empty(); }
};

}  // namespace echoes::audio
