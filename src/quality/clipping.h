#pragma once
// Clipping detection: runs of consecutive samples stuck at the converter's limit.
#include <cstddef>
#include <span>

namespace echoes::quality {

struct ClippingOptions {
  double clip_level = 0.999;        // |x| at or above this (fraction of full scale) is at the limit
  int min_run_samples = 2;          // a lone sample at the limit is a peak, not clipping
  // Audio clipped below full scale (e.g. by an analogue stage, then scaled) sits on a
  // plateau at its own maximum. Looked for only when the peak is at least this loud...
  double plateau_min_peak = 0.5;
  // ...counting samples within this relative distance of the peak...
  double plateau_tolerance = 1e-4;
  // ...and only when several runs share that plateau (one smooth peak is not clipping).
  int plateau_min_runs = 3;
  int plateau_min_run_samples = 3;
};

struct ClippingStats {
  std::size_t clipped_samples = 0;  // samples inside counted runs
  double clipped_fraction = 0.0;    // clipped_samples / all samples
  int clip_runs = 0;                // number of counted runs
  double level_used = 0.0;          // the |x| threshold that was applied
};

/// Finds clipped runs in `samples` (full scale = 1.0). Never throws.
ClippingStats detect_clipping(std::span<const float> samples, const ClippingOptions& options = {});

}  // namespace echoes::quality
