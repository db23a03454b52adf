#include "watermark/segmental_snr.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/error.h"

namespace echoes::watermark {

double segmental_snr_db(std::span<const float> speech, std::span<const float> mark, int rate_hz,
                        const SegmentalSnrOptions& options) {
  if (rate_hz <= 0) throw Error(error_code::kInvalidArgument, "The sample rate must be positive.");
  const auto frame = static_cast<std::size_t>(std::max(1.0, options.frame_s * rate_hz));
  const std::size_t n = std::min(speech.size(), mark.size());
  std::vector<double> speech_energy;
  std::vector<double> mark_energy;
  for (std::size_t start = 0; start + frame <= n; start += frame) {
    double s = 0.0;
    double m = 0.0;
    for (std::size_t i = start; i < start + frame; ++i) {
      s += static_cast<double>(speech[i]) * speech[i];
      m += static_cast<double>(mark[i]) * mark[i];
    }
    speech_energy.push_back(s);
    mark_energy.push_back(m);
  }
  if (speech_energy.empty()) return options.max_db;
  const double loudest = *std::max_element(speech_energy.begin(), speech_energy.end());
  if (loudest <= 0.0) return options.max_db;
  const double floor = loudest * std::pow(10.0, -options.active_range_db / 10.0);
  double sum_db = 0.0;
  int frames = 0;
  for (std::size_t f = 0; f < speech_energy.size(); ++f) {
    if (speech_energy[f] < floor) continue;
    const double db = mark_energy[f] > 0.0 ? 10.0 * std::log10(speech_energy[f] / mark_energy[f])
                                           : options.max_db;
    sum_db += std::clamp(db, options.min_db, options.max_db);
    ++frames;
  }
  return frames > 0 ? sum_db / frames : options.max_db;
}

}  // namespace echoes::watermark
