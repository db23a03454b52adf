#pragma once
// flite's stock English voices as reference "unconverted" voices: the baseline a converted
// voice must beat on speaker similarity, and impostors for the self-assessment.
// The synthesis itself lives in text/flite_speech.h (the voice build uses it too).
#include <string_view>

#include "audio/audio.h"
#include "text/flite_speech.h"

namespace echoes::eval {

using text::flite_voice_names;

/// Speaks `text` with the flite voice `voice` (one of flite_voice_names()). Returns mono
/// audio at the voice's own rate (16 kHz). Serialised by a mutex (flite keeps globals).
/// Throws echoes::Error(invalid_argument) for an unknown voice or text without words.
inline audio::Audio flite_speak(std::string_view voice, std::string_view text) {
  return text::flite_speak(voice, text).audio;
}

}  // namespace echoes::eval
