#pragma once
// Which 10 ms frames of a recording are clearly speech-level loud, from energy alone.
//
// Why: pocketsphinx's silence model fits speech it cannot place almost as well as its
// phone loop does, so a transcript that leaves words out still scores well. Loud frames
// that the forced alignment calls silence reveal speech the text does not account for.
#include <cstdint>
#include <span>
#include <vector>

namespace echoes::align {

struct LoudFrameOptions {
  int hop_samples = 160;     ///< frame step (10 ms at 16 kHz, pocketsphinx's grid)
  int window_samples = 400;  ///< analysis window (25 ms at 16 kHz)
  /// A frame is loud when its level is above floor + this fraction of (peak - floor),
  /// in dB, with floor the 10th and peak the 99th percentile of frame levels.
  double relative_level = 0.5;
  /// ... and at least this far above the floor (dB), so a silent recording has no loud frames.
  double min_above_floor_db = 15.0;
};

/// One flag per frame (non-zero = loud) for `frame_count` frames starting at sample
/// t * hop_samples; frames past the end of `pcm` are not loud.
std::vector<char> loud_frames(std::span<const std::int16_t> pcm, int frame_count,
                              const LoudFrameOptions& options = {});

}  // namespace echoes::align
