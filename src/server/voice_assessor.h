#pragma once
// The voice self-assessment the training worker runs after a build (eval/): hold out one
// recording, build from the others, speak the held-out text, and compare with the real
// audio (speaker similarity, ASR clarity, spectral/F0 naturalness).
#include "studio/training_worker.h"

namespace echoes::server {

studio::VoiceAssessor make_voice_assessor();

}  // namespace echoes::server
