#include "voice/build_report_json.h"

#include <nlohmann/json.hpp>

namespace echoes::voice {

nlohmann::json build_report_to_json(const BuildReport& r) {
  nlohmann::json excluded = nlohmann::json::array();
  for (const auto& e : r.excluded) excluded.push_back({{"id", e.id}, {"reason", e.reason}});
  nlohmann::json partly_used = nlohmann::json::array();
  for (const auto& e : r.partly_used) partly_used.push_back({{"id", e.id}, {"reason", e.reason}});
  return {{"utterancesOffered", r.utterances_offered},
          {"utterancesUsed", r.utterances_used},
          {"excluded", excluded},
          {"partlyUsed", partly_used},
          {"offeredAudioSec", r.offered_audio_s},
          {"usedAudioSec", r.used_audio_s},
          {"storedAudioSec", r.stored_audio_s},
          {"units", r.units},
          {"phonesCovered", r.phones_covered},
          {"phonesTotal", r.phones_total},
          {"missingPhones", r.missing_phones},
          {"filledInPhones", r.filled_in_phones},
          {"diphonesCovered", r.diphones_covered},
          {"meanMatchScore", r.mean_match_score},
          {"alignmentSec", r.alignment_s},
          {"fillInSec", r.fill_in_s},
          {"buildSec", r.build_s}};
}

}  // namespace echoes::voice
