// GET/POST /api/voice/consent: the spoken consent to voice building (docs/consent.md).
// DELETE /api/voice, DELETE /api/voice/{voiceId}: verifiable deletion of voice data.
#include <memory>

#include "common/error.h"
#include "server/body_limits.h"
#include "server/context.h"
#include "server/http_util.h"
#include "server/json_views.h"
#include "store/clock.h"
#include "studio/consent.h"
#include "studio/voice_deletion.h"

namespace echoes::server {
namespace {

constexpr std::size_t kMaxFilenameChars = 255;

nlohmann::json optional_number(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json consent_state_json(const studio::ConsentState& state) {
  nlohmann::json view = {{"state", state.state}, {"recordedAt", nullptr}, {"recordingId", nullptr}};
  if (state.consent) {
    view["recordedAt"] = state.consent->created_at;
    view["recordingId"] = state.consent->id;
    view["spokenDate"] = state.consent->spoken_date;
    view["matchScore"] = state.consent->match_score;
    view["voiceDistance"] = optional_number(state.voice_distance);
  }
  return view;
}

nlohmann::json prompt_json(ServerContext& context, studio::ConsentService& consent, const store::User& user) {
  const auto prompt = consent.prompt(user, store::unix_now_s());
  return {{"statement", prompt.statement},
          {"name", user.name},
          {"date", studio::display_date(prompt.date)},
          {"dateIso", studio::iso_date(prompt.date)},
          {"consentRequired", context.config.require_consent},
          {"consent", consent_state_json(consent.state(user.id))}};
}

studio::ConsentUpload consent_upload(const httplib::Request& req) {
  if (!req.is_multipart_form_data() || !req.has_file("audio")) {
    throw Error(error_code::kInvalidArgument,
                "Send the recording as multipart form data with the file in the field 'audio'.");
  }
  const auto file = req.get_file_value("audio");
  studio::ConsentUpload upload;
  upload.bytes = file.content;
  upload.filename = file.filename.substr(0, kMaxFilenameChars);
  upload.content_type = file.content_type.substr(0, kMaxFilenameChars);
  if (req.has_file("date")) upload.date_iso = req.get_file_value("date").content.substr(0, 16);
  return upload;
}

void handle_consent_upload(ServerContext& context, studio::ConsentService& consent, const store::User& user,
                           const httplib::Request& req, httplib::Response& res) {
  enforce(context.limits.uploads, user.id, "uploads");
  const auto result = consent.record(user, consent_upload(req), store::unix_now_s());
  const auto job = context.studio.queue_training_after_consent(user.id);
  if (job) context.training.notify();
  send_json(res, 201, {{"consent", consent_state_json(consent.state(user.id))},
                       {"matchScore", result.match_score},
                       {"voiceDistance", optional_number(result.voice_distance)},
                       {"trainingJob", job ? job_to_json(*job) : nlohmann::json(nullptr)}});
}

nlohmann::json receipt_json(const studio::DeletionReceipt& receipt) {
  return {{"deleted", {{"recordings", receipt.recordings},
                       {"voices", receipt.voices},
                       {"consents", receipt.consents},
                       {"jobs", receipt.jobs},
                       {"files", receipt.files},
                       {"bytes", receipt.bytes}}},
          {"verified", receipt.verified},
          {"checkedAt", receipt.checked_at}};
}

}  // namespace

void register_consent_routes(RouteTable& http, ServerContext& context) {
  studio::ConsentOptions options;
  options.max_upload_bytes = context.config.max_upload_bytes;
  options.max_recording_s = context.config.max_recording_s;
  auto consent = std::make_shared<studio::ConsentService>(context.db, context.audio, options);

  http.Get("/api/voice/consent",
           signed_in(context, "/api/voice/consent",
                     [&context, consent](const store::User& user, const httplib::Request&, httplib::Response& res) {
                       send_json(res, 200, prompt_json(context, *consent, user));
                     }));
  http.Post("/api/voice/consent",
            capped_body(upload_body_bytes(context.config), signed_in(context, "/api/voice/consent",
                      [&context, consent](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                        handle_consent_upload(context, *consent, user, req, res);
                      })));
  http.Delete("/api/voice",
              capped_body(kSmallBodyBytes, signed_in(context, "/api/voice",
                        [&context](const store::User& user, const httplib::Request&, httplib::Response& res) {
                          send_json(res, 200, receipt_json(studio::delete_all_voice_data(context.db, context.files, context.audio, user.id)));
                        })));
  http.Delete("/api/voice/([0-9a-f]{32})",
              capped_body(kSmallBodyBytes, signed_in(context, "/api/voice/{voiceId}",
                        [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                          const auto receipt = studio::delete_voice(context.db, context.files, user.id, req.matches[1]);
                          send_json(res, 200, receipt_json(receipt));
                        })));
}

}  // namespace echoes::server
