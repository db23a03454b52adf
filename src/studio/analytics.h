#pragma once
// Operator analytics (admin only): how people get on with recording, which tiers they
// reach, how voices are used and rated, and recording quality over time. Aggregates
// only — no names, emails, text or audio.
#include <nlohmann/json.hpp>

#include "store/database.h"
#include "studio/studio.h"

namespace echoes::studio {

/// {users, recordingSessions: {started, allPassagesRecorded, completionRate},
///  tiers: {none, minimum, recommended, optimal}, voices: {ready, usersWithVoice},
///  usage: {syntheses, audioSec, perDay: [{day, syntheses, audioSec}]},
///  quality: {perWeek: [{week, recordings, meanScore}]},
///  ratings: {count, mean, distribution: {"1".."5"}, perWeek: [{week, count, mean}]}}
nlohmann::json operator_analytics(store::Database& db, Studio& studio);

}  // namespace echoes::studio
