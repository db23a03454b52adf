#pragma once
// The 0-100 recording-quality score (formula: docs/quality-analysis.md).
#include "quality/analysis.h"

namespace echoes::quality {

/// Points taken off, per dimension; the score is 100 minus their sum, floored at 0.
struct ScorePenalties {
  double snr = 0, noise_floor = 0, level = 0, peak = 0, clipping = 0, dc_offset = 0,
         silence = 0, too_short = 0;
  double total() const {
    return snr + noise_floor + level + peak + clipping + dc_offset + silence + too_short;
  }
};

/// Penalties for the measured values in `analysis` (its score and issues are ignored).
ScorePenalties score_penalties(const RecordingAnalysis& analysis, const AnalysisOptions& options);

/// 0 when no speech was found, else round(100 - penalties), clamped to 0..100.
/// Monotonic: a worse measure never raises the score.
int quality_score(const RecordingAnalysis& analysis, const AnalysisOptions& options);

}  // namespace echoes::quality
