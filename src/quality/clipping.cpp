#include "quality/clipping.h"

#include <algorithm>
#include <cmath>

namespace echoes::quality {
namespace {

// Counts runs of >= min_run samples with |x| >= level and the same sign.
ClippingStats count_runs(std::span<const float> samples, double level, int min_run) {
  ClippingStats stats;
  stats.level_used = level;
  std::size_t run = 0;
  int run_sign = 0;
  auto close_run = [&] {
    if (run >= static_cast<std::size_t>(min_run)) {
      stats.clipped_samples += run;
      ++stats.clip_runs;
    }
    run = 0;
  };
  for (float x : samples) {
    const int sign = x > 0 ? 1 : -1;
    if (std::fabs(x) >= level) {
      if (run > 0 && sign != run_sign) close_run();
      run_sign = sign;
      ++run;
    } else if (run > 0) {
      close_run();
    }
  }
  close_run();
  if (!samples.empty()) {
    stats.clipped_fraction = static_cast<double>(stats.clipped_samples) / samples.size();
  }
  return stats;
}

}  // namespace

ClippingStats detect_clipping(std::span<const float> samples, const ClippingOptions& options) {
  double peak = 0.0;
  for (float x : samples) peak = std::max(peak, static_cast<double>(std::fabs(x)));
  if (peak >= options.clip_level) {
    return count_runs(samples, options.clip_level, options.min_run_samples);
  }
  if (peak >= options.plateau_min_peak) {
    ClippingStats plateau = count_runs(samples, peak * (1.0 - options.plateau_tolerance),
                                       options.plateau_min_run_samples);
    if (plateau.clip_runs >= options.plateau_min_runs) return plateau;
  }
  ClippingStats none;
  none.level_used = options.clip_level;
  return none;
}

}  // namespace echoes::quality
