#include "quality/noise.h"

#include <algorithm>
#include <cmath>

#include "quality/percentile.h"

namespace echoes::quality {
namespace {

// Non-speech cells at least `guard` cells away from any speech cell.
std::vector<std::uint8_t> pause_cells(std::span<const std::uint8_t> speech, int guard) {
  const int n = static_cast<int>(speech.size());
  std::vector<std::uint8_t> pause(n, 1);
  for (int i = 0; i < n; ++i) {
    if (!speech[i]) continue;
    for (int j = std::max(0, i - guard); j <= std::min(n - 1, i + guard); ++j) pause[j] = 0;
  }
  return pause;
}

}  // namespace

NoiseEstimate estimate_noise(std::span<const double> cell_powers,
                             std::span<const std::uint8_t> speech, double hop_s,
                             const NoiseOptions& options) {
  NoiseEstimate estimate;
  const std::size_t n = std::min(cell_powers.size(), speech.size());
  if (n == 0) {
    estimate.noise_power = options.floor_power;
    return estimate;
  }
  const int guard = static_cast<int>(std::lround(options.guard_s / hop_s));
  const std::vector<std::uint8_t> pause = pause_cells(speech.first(n), guard);
  std::vector<float> all(cell_powers.begin(), cell_powers.begin() + n);
  const double ceiling = percentile(all, options.floor_percentile) *
                         std::pow(10.0, options.max_above_floor_db / 10.0);
  double noise_sum = 0.0, speech_sum = 0.0;
  std::size_t noise_count = 0, speech_count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (speech[i]) {
      speech_sum += cell_powers[i];
      ++speech_count;
    } else if (pause[i] && cell_powers[i] <= ceiling) {
      noise_sum += cell_powers[i];
      ++noise_count;
    }
  }
  estimate.noise_s = noise_count * hop_s;
  if (estimate.noise_s >= options.min_noise_s) {
    estimate.noise_power = noise_sum / noise_count;
    estimate.from_pauses = true;
  } else {
    estimate.noise_power = percentile(std::move(all), options.fallback_percentile);
  }
  estimate.noise_power = std::max(estimate.noise_power, options.floor_power);
  if (speech_count > 0) {
    estimate.speech_power = std::max(speech_sum / speech_count - estimate.noise_power, 0.0);
  }
  return estimate;
}

}  // namespace echoes::quality
