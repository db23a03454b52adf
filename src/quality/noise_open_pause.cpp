#include "quality/noise_open_pause.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "quality/noise.h"

namespace echoes::quality {

OpenPauseNoise open_pause_noise(std::span<const double> cell_powers, std::span<const std::uint8_t> speech,
                                std::span<const std::uint8_t> voiced, double hop_s,
                                const OpenPauseOptions& options) {
  OpenPauseNoise result;
  const std::size_t n = std::min({cell_powers.size(), speech.size(), voiced.size()});
  if (n == 0 || hop_s <= 0) return result;
  const int guard = static_cast<int>(std::lround(options.guard_s / hop_s));
  const std::vector<std::uint8_t> away_from_speech = cells_away_from(speech.first(n), guard);
  const std::vector<std::uint8_t> away_from_voice = cells_away_from(voiced.first(n), guard);
  std::vector<std::uint8_t> is_open(n, 0);
  std::vector<double> open_powers;
  for (std::size_t i = 0; i < n; ++i) {
    if (!away_from_speech[i] || !away_from_voice[i]) continue;
    is_open[i] = 1;
    open_powers.push_back(cell_powers[i]);
  }
  result.cells = open_powers.size();
  if (result.cells == 0 || result.cells * hop_s < options.min_total_s) return result;
  const auto middle = open_powers.begin() + static_cast<std::ptrdiff_t>(open_powers.size() / 2);
  std::nth_element(open_powers.begin(), middle, open_powers.end());
  const double burst_level = *middle * std::pow(10.0, options.burst_above_median_db / 10.0);
  double sum = 0.0, burst_excess = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_open[i]) continue;
    sum += std::min(cell_powers[i], burst_level);
    burst_excess += std::max(0.0, cell_powers[i] - burst_level);
  }
  result.mean_power = sum / static_cast<double>(result.cells);
  // A burst is a sample of the unvoiced time (open cells are unvoiced, so this is >= cells).
  result.burst_power = burst_excess / static_cast<double>(unvoiced_cell_count(voiced.first(n)));
  result.is_open = std::move(is_open);
  return result;
}

double blend_open_pause(double steady_power, const OpenPauseNoise& open, double hop_s,
                        const OpenPauseOptions& options) {
  if (open.mean_power <= steady_power || hop_s <= 0) return steady_power + open.burst_power;
  const double cells = static_cast<double>(open.cells);
  const double weight = cells / (cells + options.prior_s / hop_s);
  return steady_power + weight * (open.mean_power - steady_power) + open.burst_power;
}

}  // namespace echoes::quality
