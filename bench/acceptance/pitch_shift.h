#pragma once
// Pitch shifting by resampling (the "tape speed" method): F0 and formants move together by
// the same ratio and the duration shrinks by it. Used to validate the speaker measures:
// the toolchain notes report identification falling to 71% at +2 and 18% at +4 semitones.
#include "audio/audio.h"

namespace echoes::eval {

/// `audio` played 2^(semitones/12) times faster, returned at the input's rate.
/// Throws echoes::Error(invalid_argument) for a non-positive rate or |semitones| > 24.
audio::Audio shift_pitch_by_resampling(const audio::Audio& audio, double semitones);

}  // namespace echoes::eval
