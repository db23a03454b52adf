#include "quality/noise.h"

#include <algorithm>
#include <cmath>

#include "quality/percentile.h"

namespace echoes::quality {

std::vector<std::uint8_t> cells_away_from(std::span<const std::uint8_t> flags, int guard) {
  const int n = static_cast<int>(flags.size());
  std::vector<std::uint8_t> away(n, 1);
  for (int i = 0; i < n; ++i) {
    if (flags[i]) std::fill(away.begin() + std::max(0, i - guard), away.begin() + std::min(n, i + guard + 1), 0);
  }
  return away;
}

std::size_t unvoiced_cell_count(std::span<const std::uint8_t> voiced) {
  return static_cast<std::size_t>(std::count(voiced.begin(), voiced.end(), std::uint8_t{0}));
}

namespace {

// Mean power of the pause cells within max_above_floor_db of the quietest cells;
// 0 when they add up to less than min_pause_s.
double pause_power(std::span<const double> powers, std::span<const std::uint8_t> speech,
                   double hop_s, const NoiseOptions& o) {
  const std::vector<std::uint8_t> pause =
      cells_away_from(speech, static_cast<int>(std::lround(o.guard_s / hop_s)));
  const double ceiling = percentile(std::vector<float>(powers.begin(), powers.end()), o.floor_percentile) *
                         std::pow(10.0, o.max_above_floor_db / 10.0);
  double sum = 0.0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < powers.size(); ++i) {
    if (pause[i] && powers[i] <= ceiling) {
      sum += powers[i];
      ++count;
    }
  }
  return count > 0 && count * hop_s >= o.min_pause_s ? sum / count : 0.0;
}

}  // namespace

NoiseEstimate estimate_noise(std::span<const double> cell_powers,
                             std::span<const std::uint8_t> speech, double hop_s,
                             double band_floor_power, const NoiseOptions& options) {
  NoiseEstimate estimate;
  estimate.band_floor_power = band_floor_power;
  const std::size_t n = std::min(cell_powers.size(), speech.size());
  const std::span<const double> powers = cell_powers.first(n);
  if (n == 0 || hop_s <= 0) {
    estimate.noise_power = options.floor_power;
    return estimate;
  }
  if (std::none_of(speech.begin(), speech.begin() + n, [](std::uint8_t s) { return s != 0; })) {
    double sum = 0.0;
    for (double p : powers) sum += p;
    estimate.noise_power = std::max(sum / n, options.floor_power);
    return estimate;
  }
  estimate.pause_power = pause_power(powers, speech.first(n), hop_s, options);
  double noise = band_floor_power;
  if (estimate.pause_power > 0.0) noise = std::min(noise, estimate.pause_power);
  estimate.noise_power = std::max(noise, options.floor_power);
  estimate.speech_power = active_speech_power(powers, estimate.noise_power, hop_s, options.active_level);
  return estimate;
}

NoiseEstimate with_noise_power(NoiseEstimate estimate, std::span<const double> cell_powers, double hop_s,
                               double noise_power, const NoiseOptions& options) {
  if (noise_power == estimate.noise_power) return estimate;
  estimate.noise_power = std::max(noise_power, options.floor_power);
  estimate.speech_power = active_speech_power(cell_powers, estimate.noise_power, hop_s, options.active_level);
  return estimate;
}

NoiseEstimate with_noise_events(NoiseEstimate estimate, std::span<const double> cell_powers,
                                double hop_s, double event_power, const NoiseOptions& options) {
  if (event_power <= 0.0) return estimate;
  estimate = with_noise_power(estimate, cell_powers, hop_s, estimate.noise_power + event_power, options);
  estimate.event_power = event_power;
  return estimate;
}

}  // namespace echoes::quality
