#pragma once
// The voice builder the training worker runs: the embedded engine (voice/).
#include "studio/training_worker.h"

namespace echoes::server {

studio::VoiceBuilder make_voice_builder();

}  // namespace echoes::server
