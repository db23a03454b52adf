#pragma once
// Embedding the Echoes watermark: spread-spectrum noise in 600-6,600 Hz whose spectrum, frame
// by frame (46 ms, 50% overlap), is the speech's own magnitude spectrum level_db down with
// keyed random phases. It sits under the speech, scales with it and vanishes in silence; the
// phases carry a sync pattern and a 32-bit payload (24-bit voice tag + CRC-8) repeating
// every 0.37 s.
#include <cstdint>

#include "audio/audio.h"
#include "watermark/options.h"

namespace echoes::watermark {

/// Returns the watermark signal w (same length and rate as `speech`) that embed_watermark adds
/// for `tag` (<= kMaxTag, see pattern.h). Useful to measure its level (segmental_snr_db).
/// Any input rate works: the mark is computed at 22,050 Hz and resampled back.
/// Throws echoes::Error(invalid_argument) for a non-positive rate, a tag over 24 bits or an
/// empty key, and (invalid_audio) for NaN or infinite samples.
audio::Audio watermark_signal(const audio::Audio& speech, std::uint32_t tag,
                              const WatermarkOptions& options = {});

/// Returns `speech` with the watermark for `tag` added (same length and rate).
/// Peaks may rise slightly (the mark is ~17 dB below the speech); normalise after embedding.
/// Cost: about two 1024-point FFTs per 512 samples (hundreds of times faster than real time).
/// Same errors as watermark_signal.
audio::Audio embed_watermark(const audio::Audio& speech, std::uint32_t tag,
                             const WatermarkOptions& options = {});

}  // namespace echoes::watermark
