#pragma once
// flite's stock English voices as reference "unconverted" voices: the baseline a converted
// voice must beat on speaker similarity, and impostors for the self-assessment.
#include <string>
#include <string_view>
#include <vector>

#include "audio/audio.h"

namespace echoes::eval {

/// Names of the stock voices available: "kal16" (diphone, deterministic), "slt", "rms",
/// "awb" (clustergen; their output varies slightly from run to run).
const std::vector<std::string>& flite_voice_names();

/// Speaks `text` with the flite voice `voice` (one of flite_voice_names()). Returns mono
/// audio at the voice's own rate (16 kHz). Serialised by a mutex (flite keeps globals).
/// Throws echoes::Error(invalid_argument) for an unknown voice or text without words.
audio::Audio flite_speak(std::string_view voice, std::string_view text);

}  // namespace echoes::eval
