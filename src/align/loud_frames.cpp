#include "align/loud_frames.h"

#include <algorithm>
#include <cmath>

namespace echoes::align {
namespace {

double frame_level_db(std::span<const std::int16_t> pcm, std::size_t first, std::size_t count) {
  double energy = 0.0;
  const std::size_t last = std::min(pcm.size(), first + count);
  for (std::size_t i = first; i < last; ++i) energy += static_cast<double>(pcm[i]) * pcm[i];
  const double mean = last > first ? energy / static_cast<double>(last - first) : 0.0;
  return 10.0 * std::log10(mean + 1.0);  // +1: one LSB squared, so digital silence is 0 dB
}

double percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0.0;
  const auto k = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

}  // namespace

std::vector<char> loud_frames(std::span<const std::int16_t> pcm, int frame_count,
                              const LoudFrameOptions& options) {
  std::vector<double> levels;
  for (int t = 0; t < frame_count; ++t) {
    const std::size_t first = static_cast<std::size_t>(t) * options.hop_samples;
    if (first >= pcm.size()) break;
    levels.push_back(frame_level_db(pcm, first, options.window_samples));
  }
  std::vector<char> loud(static_cast<std::size_t>(std::max(frame_count, 0)), 0);
  const double floor_db = percentile(levels, 0.10);
  const double peak_db = percentile(levels, 0.99);
  const double threshold_db = std::max(floor_db + options.relative_level * (peak_db - floor_db),
                                       floor_db + options.min_above_floor_db);
  for (std::size_t t = 0; t < levels.size(); ++t) loud[t] = levels[t] > threshold_db ? 1 : 0;
  return loud;
}

}  // namespace echoes::align
