#pragma once
// JSON form of ProsodyFeatures and VoiceSignature (camelCase keys), for storing them with a
// recording and reading them back for the set assessment.
#include <nlohmann/json_fwd.hpp>

#include "quality/prosody.h"
#include "quality/voice_signature.h"

namespace echoes::quality {

/// {f0MedianHz, f0RangeSemitones, f0StdevSemitones, voicedFraction, loudnessRangeDb,
///  speechDurationSec}
nlohmann::json prosody_to_json(const ProsodyFeatures& prosody);

/// Inverse of prosody_to_json. Missing keys read as 0.
/// Throws echoes::Error(invalid_argument) when `j` is not an object or a value is not a number.
ProsodyFeatures prosody_from_json(const nlohmann::json& j);

/// {mfccMean:[12], mfccStdev:[12], f0MedianHz, voicedFrames}
nlohmann::json voice_signature_to_json(const VoiceSignature& signature);

/// Inverse of voice_signature_to_json. Missing keys read as 0 (an empty signature).
/// Throws echoes::Error(invalid_argument) for a non-object, non-numbers or arrays of the
/// wrong length.
VoiceSignature voice_signature_from_json(const nlohmann::json& j);

}  // namespace echoes::quality
