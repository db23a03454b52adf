#pragma once
// Embedding the Echoes watermark: a keyed +-level_db modulation of 46 ms x 250 Hz
// time-frequency tiles of the speech itself (600-6,600 Hz), so the mark sits under the
// speech spectrum, scales with it, and vanishes in silence.
#include <cstdint>

#include "audio/audio.h"
#include "watermark/options.h"

namespace echoes::watermark {

/// Returns the watermark signal w (same length and rate as `speech`) that embed_watermark adds
/// for `tag` (<= kMaxTag, see pattern.h). Useful to measure its level (segmental_snr_db).
/// Any input rate works: the mark is computed at 22,050 Hz and resampled back.
/// Throws echoes::Error(invalid_argument) for a non-positive rate, a tag over 24 bits or an
/// empty key.
audio::Audio watermark_signal(const audio::Audio& speech, std::uint32_t tag,
                              const WatermarkOptions& options = {});

/// Returns `speech` with the watermark for `tag` added (same length and rate).
/// Peaks may rise by up to level (10% at -20 dB); callers that normalise should do so after.
/// Same errors as watermark_signal.
audio::Audio embed_watermark(const audio::Audio& speech, std::uint32_t tag,
                             const WatermarkOptions& options = {});

}  // namespace echoes::watermark
