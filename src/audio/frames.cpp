#include "audio/frames.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"

namespace echoes::audio {

double rms(std::span<const float> samples) {
  if (samples.empty()) return 0.0;
  double sum = 0.0;
  for (float s : samples) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / static_cast<double>(samples.size()));
}

double peak_abs(std::span<const float> samples) {
  float peak = 0.0f;
  for (float s : samples) peak = std::max(peak, std::fabs(s));
  return peak;
}

std::vector<float> frame_rms_dbfs(const Audio& audio, const FrameOptions& options) {
  if (!(options.frame_s > 0.0) || !(options.hop_s > 0.0)) {
    throw Error(error_code::kInvalidArgument, "Frame length and hop must be positive.");
  }
  std::vector<float> levels;
  const std::size_t n = audio.samples.size();
  if (n == 0) return levels;
  const auto frame = std::max<std::size_t>(1, std::lround(options.frame_s * audio.rate_hz));
  const auto hop = std::max<std::size_t>(1, std::lround(options.hop_s * audio.rate_hz));
  const std::span<const float> all(audio.samples);
  if (n <= frame) {
    levels.push_back(static_cast<float>(amplitude_to_db(rms(all))));
    return levels;
  }
  levels.reserve((n - frame) / hop + 1);
  for (std::size_t start = 0; start + frame <= n; start += hop) {
    levels.push_back(static_cast<float>(amplitude_to_db(rms(all.subspan(start, frame)))));
  }
  return levels;
}

}  // namespace echoes::audio
