#pragma once
// Output loudness: scale synthesized speech to a speech level, with a peak ceiling.
#include <vector>

namespace echoes::synth {

struct LevelOptions {
  double speech_level_dbfs = -20.0;  ///< RMS of the active (speech) frames after scaling, dBFS
  double peak_ceiling = 0.95;        ///< no sample above this after scaling (full scale 1.0)
  double frame_s = 0.02;             ///< analysis frame, seconds
  double active_range_db = 30.0;     ///< frames within this of the loudest frame count as speech
};

/// Scales `samples` (at `rate_hz`) in place so the active frames' RMS is the target level,
/// lowered if needed so the peak stays under the ceiling. Silence is left as is.
void normalize_speech_level(std::vector<float>& samples, int rate_hz, const LevelOptions& options = {});

}  // namespace echoes::synth
