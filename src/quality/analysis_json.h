#pragma once
// JSON form of a RecordingAnalysis for the HTTP API and the CLI (camelCase keys).
#include <nlohmann/json_fwd.hpp>

#include "quality/analysis.h"

namespace echoes::quality {

/// {durationSec, speechDurationSec, peakDbfs, rmsDbfs, loudnessLufs, noiseFloorDbfs,
///  snrDb, clippedFraction, clipRuns, dcOffset, leadingSilenceSec, trailingSilenceSec,
///  qualityScore, speechFound, issues:[{code,severity,message,fix}],
///  speechSegments:[{startSec,endSec}]}. Decibels are rounded to 0.1 dB.
nlohmann::json analysis_to_json(const RecordingAnalysis& analysis);

}  // namespace echoes::quality
