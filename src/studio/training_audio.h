#pragma once
// Loading the audio of one training utterance: the stored working copy, cut to the stretch
// the read-along check heard read (TrainingUtterance::start_s/end_s), so a voice is built
// only from what was actually said.
#include "audio/audio.h"
#include "studio/training_worker.h"

namespace echoes::studio {

/// Decodes utterance.wav_path and keeps [start_s, end_s) when end_s > start_s.
/// Throws the decoder's echoes::Error.
audio::Audio load_training_audio(const TrainingUtterance& utterance);

}  // namespace echoes::studio
