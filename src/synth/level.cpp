#include "synth/level.h"

#include <algorithm>
#include <cmath>

#include "audio/frames.h"

namespace echoes::synth {

void normalize_speech_level(std::vector<float>& samples, int rate_hz, const LevelOptions& options) {
  const auto frame = std::max<std::size_t>(1, std::size_t(options.frame_s * rate_hz));
  std::vector<double> power;
  for (std::size_t a = 0; a < samples.size(); a += frame) {
    const std::size_t b = std::min(samples.size(), a + frame);
    double sum = 0.0;
    for (std::size_t i = a; i < b; ++i) sum += double(samples[i]) * samples[i];
    power.push_back(sum / double(b - a));
  }
  if (power.empty()) return;
  const double loudest = *std::max_element(power.begin(), power.end());
  if (loudest <= 1e-14) return;
  const double threshold = loudest * audio::db_to_power(-options.active_range_db);
  double sum = 0.0;
  int count = 0;
  for (double p : power) {
    if (p >= threshold) { sum += p; ++count; }
  }
  double gain = audio::db_to_amplitude(options.speech_level_dbfs) / std::sqrt(sum / count);
  const double peak = audio::peak_abs(samples);
  if (peak * gain > options.peak_ceiling) gain = options.peak_ceiling / peak;
  for (float& s : samples) s = float(s * gain);
}

}  // namespace echoes::synth
