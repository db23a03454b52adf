#include "quality/noise_events.h"

#include <algorithm>
#include <cmath>

#include "quality/noise.h"
#include "quality/percentile.h"

namespace echoes::quality {
namespace {

struct FrequencyRange {
  double min_hz;
  double max_hz;
};

// Power of one cell above margin x the noise floor, summed over the bands whose centre
// lies in `range`.
double band_excess(const BandPowers& bands, std::span<const double> floors, std::size_t cell,
                   FrequencyRange range, double margin) {
  double sum = 0.0;
  for (std::size_t b = 0; b < bands.bands && b < floors.size(); ++b) {
    const double centre_hz = 0.5 * (bands.low_hz[b] + bands.high_hz[b]);
    if (centre_hz < range.min_hz || centre_hz >= range.max_hz) continue;
    sum += std::max(0.0, bands.band(cell, b) - margin * floors[b]);
  }
  return sum;
}

// Low-band over high-band excess, dB. A cell with no excess in either band (all of it
// below 150 Hz, a thump) reads 0 dB: balanced.
double spectral_balance_db(const BandPowers& bands, std::span<const double> floors, std::size_t cell,
                           const NoiseEventOptions& o) {
  constexpr double kTiny = 1e-20;
  const double low = band_excess(bands, floors, cell, {o.low_band_min_hz, o.low_band_max_hz}, o.floor_margin);
  const double high = band_excess(bands, floors, cell, {o.high_band_min_hz, o.high_band_max_hz}, o.floor_margin);
  return 10.0 * std::log10((low + kTiny) / (high + kTiny));
}

// Power of the recording's loud vowels: the speech_quantile of the voiced cells' power;
// 0 without voiced cells.
double loud_vowel_power(std::span<const double> powers, std::span<const std::uint8_t> voiced, double quantile) {
  std::vector<float> voiced_powers;
  for (std::size_t i = 0; i < powers.size(); ++i) {
    if (voiced[i]) voiced_powers.push_back(static_cast<float>(powers[i]));
  }
  return percentile(voiced_powers, quantile);
}

}  // namespace

NoiseEvents find_noise_events(std::span<const double> cell_powers, std::span<const std::uint8_t> voiced,
                              const BandPowers& bands, std::span<const double> band_floors,
                              double noise_power, const NoiseEventOptions& options,
                              std::span<const std::uint8_t> skip) {
  NoiseEvents events;
  const std::size_t n = std::min({cell_powers.size(), voiced.size(), bands.cells});
  const double vowels = loud_vowel_power(cell_powers.first(n), voiced.first(n), options.speech_quantile);
  if (n == 0 || vowels <= 0.0) return events;
  const double min_power = std::max(noise_power * std::pow(10.0, options.min_above_noise_db / 10.0),
                                    vowels * std::pow(10.0, options.min_above_speech_db / 10.0));
  double excess = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (voiced[i] || cell_powers[i] < min_power || (i < skip.size() && skip[i])) continue;
    const double balance_db = spectral_balance_db(bands, band_floors, i, options);
    if (balance_db < options.min_balance_db || balance_db > options.max_balance_db) continue;
    excess += cell_powers[i] - noise_power;
    ++events.cells;
  }
  // Only unvoiced time was searched; the voiced time hid its share of the same events.
  const std::size_t unvoiced_cells = unvoiced_cell_count(voiced.first(n));
  if (unvoiced_cells > 0) events.power = excess / static_cast<double>(unvoiced_cells);
  return events;
}

}  // namespace echoes::quality
