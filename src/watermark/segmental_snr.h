#pragma once
// Segmental SNR of speech against an added signal (the watermark), the usual measure of a
// watermark's audibility.
#include <span>

namespace echoes::watermark {

struct SegmentalSnrOptions {
  double frame_s = 0.020;          ///< analysis frame, seconds (no overlap)
  double active_range_db = 40.0;   ///< frames this far below the loudest speech frame are skipped
  double min_db = -10.0;           ///< per-frame SNR clamp, dB (the usual -10..35 convention)
  double max_db = 35.0;
};

/// Mean over speech frames of 10 log10(sum speech^2 / sum mark^2), each frame clamped to
/// [min_db, max_db]. `speech` and `mark` are sample-aligned at `rate_hz`; the shorter length
/// is used. Returns max_db when no frame holds speech.
double segmental_snr_db(std::span<const float> speech, std::span<const float> mark, int rate_hz,
                        const SegmentalSnrOptions& options = {});

}  // namespace echoes::watermark
