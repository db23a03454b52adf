#pragma once
// Trimming a recording to its speech and bringing the speech to the voice's level, so
// joins between units of different recordings are smooth.
#include <vector>

#include "align/alignment.h"
#include "audio/audio.h"

namespace echoes::voice {

/// True for an aligned phone that is speech (not a pause, not unknown).
bool is_speech_phone(const align::AlignedPhone& phone);

/// Keeps [first speech phone - margin_s, last speech phone + margin_s] of `audio` and scales
/// it so the RMS over the speech phones is `level_dbfs` (never past 0.99 peak). Shifts the
/// phone times (seconds) to the kept audio. Returns false, changing nothing, when `phones`
/// has no speech phone inside the audio.
bool trim_and_level(audio::Audio& audio, std::vector<align::AlignedPhone>& phones, double margin_s,
                    double level_dbfs);

}  // namespace echoes::voice
