#pragma once
// The JSON kept in recordings.analysis_json: everything measured at upload time, so
// the set can be re-assessed without decoding audio again.
//   {"analysis":{..., "readAlong":{...}}, "prosody":{...}, "voiceSignature":{...},
//    "source":{"container","encoding","rateHz","channels","durationSec"}}
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audio/decode.h"
#include "quality/analysis.h"
#include "quality/prosody.h"
#include "quality/set_assessment.h"
#include "quality/voice_signature.h"
#include "store/records.h"
#include "studio/read_along.h"

namespace echoes::studio {

/// Builds the stored JSON from the upload-time measurements; the read-along check goes
/// into "analysis" as "readAlong".
nlohmann::json make_stored_analysis(const audio::DecodedAudio& decoded,
                                    const quality::RecordingAnalysis& analysis,
                                    const quality::ProsodyFeatures& prosody,
                                    const quality::VoiceSignature& signature,
                                    const ReadAlongCheck& read_along);

/// Turns a stored recording into the set assessment's input. Tolerates missing or
/// malformed JSON (older rows): the fields then stay at their defaults.
quality::RecordingSummary summary_from_record(const store::RecordingRecord& record);

/// What the recording says: the transcript given with the upload, else the passage text
/// ("" for an unknown passage without transcript).
std::string stored_transcript(const store::RecordingRecord& record);

/// The stretches of the take a voice is built from, each with the text it says: the whole
/// take with stored_transcript when the take was not verified or every sentence was read
/// (one run, end_s = 0); the read runs of a complete take that skipped or misread some;
/// none for an incomplete take (it is not counted).
std::vector<ReadRun> stored_read_runs(const store::RecordingRecord& record);

/// The read-along check stored with the take (checked = false for older rows).
ReadAlongCheck stored_read_along(const store::RecordingRecord& record);

/// The container the decoder recognised ("wav", "flac", "ogg", "mp3", ...), or "".
std::string stored_container(const store::RecordingRecord& record);

/// The public view of a recording for the API (no paths), camelCase.
nlohmann::json recording_to_json(const store::RecordingRecord& record);

}  // namespace echoes::studio
