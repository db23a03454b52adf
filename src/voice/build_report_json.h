#pragma once
// JSON form of a BuildReport (VOICE_DIR/build-report.json, the studio's training status).
#include <nlohmann/json_fwd.hpp>

#include "voice/build.h"

namespace echoes::voice {

/// {utterancesOffered, utterancesUsed, excluded:[{id, reason}],
///  partlyUsed:[{id, reason}], offeredAudioSec, usedAudioSec,
///  storedAudioSec, units, phonesCovered, phonesTotal, missingPhones:[..], diphonesCovered,
///  meanMatchScore, alignmentSec, buildSec}.
nlohmann::json build_report_to_json(const BuildReport& report);

}  // namespace echoes::voice
