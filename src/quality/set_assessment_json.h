#pragma once
// JSON form of a SetAssessment for the HTTP API (camelCase keys).
#include <nlohmann/json_fwd.hpp>

#include "quality/set_assessment.h"

namespace echoes::quality {

/// {totalSec, recordingsUsed, excludedRecordings:[id], passagesDone, qualityScore,
///  tier, nextTier (null at the top), missingForNextTier:[text],
///  passages:[{passageId, title, targetDurationSec, done, takes, bestRecordingId, seconds,
///             qualityScore}],
///  coverage:{phonesPresent, phonesTotal, phoneCoverage, diphonesPresent, diphonesTotal,
///            diphoneCoverage, referenceDiphonesPresent, referenceDiphonesTotal,
///            referenceDiphoneCoverage, weightedDiphoneCoverage},
///  emotionalRange:{score, passagesMeasured, meanF0RangeSemitones, meanLoudnessRangeDb,
///                  f0LevelSpreadSemitones, f0RangeSpreadSemitones, speakingRateVariation,
///                  summary},
///  consistency:[{recordingId, passageId, kind, value, setMedian, message}]}
/// Fractions are 0..1; scores 0..100 rounded to 0.1.
nlohmann::json set_assessment_to_json(const SetAssessment& assessment);

}  // namespace echoes::quality
