#include "quality/noise_active_level.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <vector>

namespace echoes::quality {

double active_speech_power(std::span<const double> cell_powers, double noise_power, double hop_s,
                           const ActiveLevelOptions& options) {
  const std::size_t n = cell_powers.size();
  if (n == 0 || hop_s <= 0) return 0.0;
  // Smoothed in the power domain (signed, so the noise's fluctuations average out)
  // before the square root turns it into an amplitude envelope.
  const double g = std::exp(-hop_s / options.time_constant_s);
  std::vector<double> envelope(n);
  double p = 0.0, q = 0.0, energy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double speech = cell_powers[i] - noise_power;
    energy += speech;
    p = g * p + (1 - g) * speech;
    q = g * q + (1 - g) * p;
    envelope[i] = options.envelope_scale * std::sqrt(std::max(q, 0.0));
  }
  if (energy <= 0.0) return 0.0;
  // Hangover: the envelope held at its maximum over the last hangover_s.
  const auto hangover = static_cast<std::size_t>(std::lround(options.hangover_s / hop_s));
  std::vector<double> held(n);
  std::deque<std::size_t> window;
  for (std::size_t i = 0; i < n; ++i) {
    while (!window.empty() && envelope[window.back()] <= envelope[i]) window.pop_back();
    window.push_back(i);
    if (window.front() + hangover < i) window.pop_front();
    held[i] = envelope[window.front()];
  }
  std::sort(held.begin(), held.end());
  // Raise the threshold until the active level sits margin_db above it.
  for (double threshold_db = -100.0; threshold_db <= 0.0; threshold_db += 0.25) {
    const double threshold = std::pow(10.0, threshold_db / 20.0);
    const auto active = static_cast<std::size_t>(held.end() - std::lower_bound(held.begin(), held.end(), threshold));
    if (active == 0) break;
    const double level = energy / static_cast<double>(active);
    if (10.0 * std::log10(level) - threshold_db <= options.margin_db) return level;
  }
  return energy / static_cast<double>(n);
}

}  // namespace echoes::quality
