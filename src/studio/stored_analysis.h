#pragma once
// The JSON kept in recordings.analysis_json: everything measured at upload time, so
// the set can be re-assessed without decoding audio again.
//   {"analysis":{...}, "prosody":{...}, "voiceSignature":{...},
//    "source":{"container","encoding","rateHz","channels","durationSec"}}
#include <string>

#include <nlohmann/json.hpp>

#include "audio/decode.h"
#include "quality/analysis.h"
#include "quality/prosody.h"
#include "quality/set_assessment.h"
#include "quality/voice_signature.h"
#include "store/records.h"

namespace echoes::studio {

/// Builds the stored JSON from the upload-time measurements.
nlohmann::json make_stored_analysis(const audio::DecodedAudio& decoded,
                                    const quality::RecordingAnalysis& analysis,
                                    const quality::ProsodyFeatures& prosody,
                                    const quality::VoiceSignature& signature);

/// Turns a stored recording into the set assessment's input. Tolerates missing or
/// malformed JSON (older rows): the fields then stay at their defaults.
quality::RecordingSummary summary_from_record(const store::RecordingRecord& record);

/// What the recording says: the transcript given with the upload, else the passage text
/// ("" for an unknown passage without transcript).
std::string stored_transcript(const store::RecordingRecord& record);

/// The container the decoder recognised ("wav", "flac", "ogg", "mp3", ...), or "".
std::string stored_container(const store::RecordingRecord& record);

/// The public view of a recording for the API (no paths), camelCase.
nlohmann::json recording_to_json(const store::RecordingRecord& record);

}  // namespace echoes::studio
