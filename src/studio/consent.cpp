#include "studio/consent.h"

#include <algorithm>
#include <span>
#include <vector>

#include <nlohmann/json.hpp>

#include "align/aligner.h"
#include "audio/decode.h"
#include "common/error.h"
#include "common/log.h"
#include "quality/prosody_json.h"
#include "store/audit_log.h"
#include "store/clock.h"
#include "store/ids.h"
#include "store/recording_repository.h"
#include "store/recording_store.h"
#include "studio/aligner_pool.h"
#include "studio/consent_match.h"

namespace echoes::studio {
namespace {

constexpr double kSecondsPerDay = 86400.0;

// The statement's date: the one the client showed (today or yesterday, UTC), else today.
CalendarDate statement_date(const std::string& date_iso, double now_s) {
  const CalendarDate today = utc_date(now_s);
  if (date_iso.empty()) return today;
  const auto date = parse_iso_date(date_iso);
  if (!date || (*date != today && *date != utc_date(now_s - kSecondsPerDay))) {
    throw Error(error_code::kInvalidArgument,
                "The consent statement is only valid on the day it names. Please read today's statement.");
  }
  return *date;
}

quality::VoiceSignature signature_from_text(const std::string& text) {
  const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return {};
  try {
    return quality::voice_signature_from_json(parsed);
  } catch (const Error&) {
    return {};  // unreadable: nothing to compare, like a consent without voiced frames
  }
}

std::string file_extension(const std::string& container) {
  const bool plain = !container.empty() && container.size() <= 8 &&
                     std::all_of(container.begin(), container.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return plain ? container : "bin";
}

[[noreturn]] void refuse(store::Database& db, const std::string& user_id, const std::string& reason,
                         const nlohmann::json& measured, const char* message) {
  nlohmann::json detail = measured;
  detail["reason"] = reason;
  store::AuditLog(db).record(user_id, "consent.refused", "", detail.dump());
  log::info("consent_refused", detail);
  throw Error(error_code::kConsentMismatch, message);
}

nlohmann::json optional_number(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

ConsentState consent_state(store::Database& db, const std::string& user_id, double max_voice_distance) {
  ConsentState state;
  state.consent = store::ConsentRepository(db).latest(user_id);
  if (!state.consent) return state;
  state.voice_distance = distance_to_recordings(signature_from_text(state.consent->signature_json),
                                                store::RecordingRepository(db).list(user_id));
  const bool mismatch = state.voice_distance && *state.voice_distance > max_voice_distance;
  state.state = mismatch ? "voice_mismatch" : "accepted";
  return state;
}

ConsentService::ConsentService(store::Database& db, const store::ObjectStore& audio, ConsentOptions options)
    : db_(db), audio_(audio), options_(options), aligners_(std::make_unique<AlignerPool>(options.aligners)) {}

ConsentService::~ConsentService() = default;

ConsentPrompt ConsentService::prompt(const store::User& user, double now_s) const {
  const CalendarDate today = utc_date(now_s);
  return {consent_statement(user.name, today), today};
}

ConsentState ConsentService::state(const std::string& user_id) {
  return consent_state(db_, user_id, options_.max_voice_distance);
}

ConsentResult ConsentService::record(const store::User& user, const ConsentUpload& upload, double now_s) {
  const CalendarDate date = statement_date(upload.date_iso, now_s);
  const ConsentStatement statement = make_consent_statement(user.name, date);
  audio::DecodeOptions decode_options;
  decode_options.max_bytes = options_.max_upload_bytes;
  decode_options.max_duration_s = options_.max_recording_s;
  const auto* data = reinterpret_cast<const std::uint8_t*>(upload.bytes.data());
  const audio::DecodedAudio decoded = audio::decode_audio(std::span(data, upload.bytes.size()), decode_options);

  ConsentResult result;
  const StatementCheck heard = check_statement(aligners_->align(decoded.audio, statement.text), statement);
  result.match_score = heard.match_score;
  nlohmann::json parts = nlohmann::json::object();
  for (const auto& part : heard.parts) parts[part.what] = part.match_score;
  if (!heard.heard) {
    refuse(db_, user.id, "statement_not_heard",
           {{"matchScore", heard.match_score}, {"partScores", parts}, {"weakestPart", heard.weakest.value_or("")}},
           kStatementNotHeardMessage);
  }
  const quality::VoiceSignature signature = quality::compute_voice_signature(decoded.audio);
  result.voice_distance = distance_to_recordings(signature, store::RecordingRepository(db_).list(user.id));
  if (result.voice_distance && *result.voice_distance > options_.max_voice_distance) {
    refuse(db_, user.id, "different_voice",
           {{"matchScore", heard.match_score}, {"voiceDistance", *result.voice_distance}}, kDifferentVoiceMessage);
  }

  store::ConsentRecord& consent = result.consent;
  consent.id = store::new_id();
  consent.user_id = user.id;
  consent.statement = statement.text;
  consent.spoken_date = iso_date(date);
  consent.audio_path = store::recording_dir(user.id) + "/consent-" + consent.id + "." + file_extension(decoded.container);
  consent.sha256 = store::sha256_hex(upload.bytes);
  consent.size_bytes = static_cast<std::int64_t>(upload.bytes.size());
  consent.match_score = heard.match_score;
  consent.voice_distance = result.voice_distance;
  consent.signature_json = quality::voice_signature_to_json(signature).dump();

  // Same order as recordings: the file first, then the row; a crash in between leaves an
  // unreferenced file that the start-up cleanup deletes.
  audio_.put(consent.audio_path, upload.bytes);
  try {
    store::Transaction tx(db_.connection());
    consent.created_at = store::unix_now_s();
    store::ConsentRepository(db_).insert(consent);
    const nlohmann::json detail = {{"spokenDate", consent.spoken_date},
                                   {"matchScore", consent.match_score},
                                   {"partScores", parts},
                                   {"voiceDistance", optional_number(consent.voice_distance)},
                                   {"sizeBytes", consent.size_bytes}};
    store::AuditLog(db_).record(user.id, "consent.recorded", consent.id, detail.dump());
    tx.commit();
  } catch (...) {
    try {
      audio_.remove(consent.audio_path);
    } catch (const std::exception& e) {
      log::warn("consent_file_left_for_cleanup", {{"what", e.what()}});
    }
    throw;
  }
  return result;
}

}  // namespace echoes::studio
