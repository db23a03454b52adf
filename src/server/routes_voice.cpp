// GET /api/voice/passages, POST /api/voice/upload, GET /api/voice/status.
#include "common/error.h"
#include "metrics/registry.h"
#include "quality/analysis_json.h"
#include "quality/set_assessment_json.h"
#include "server/body_limits.h"
#include "server/context.h"
#include "server/http_util.h"
#include "server/json_views.h"
#include "studio/stored_analysis.h"
#include "text/passages.h"

namespace echoes::server {
namespace {

constexpr std::size_t kMaxPassageIdChars = 64;
constexpr std::size_t kMaxFilenameChars = 255;

nlohmann::json passages_json() {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& passage : text::passages()) {
    list.push_back({{"id", passage.id},
                    {"title", passage.title},
                    {"purpose", passage.purpose},
                    {"text", passage.text},
                    {"targetDurationSec", passage.target_duration_s},
                    {"pacingCue", passage.pacing_cue}});
  }
  return list;
}

studio::UploadRequest upload_request(const httplib::Request& req) {
  if (!req.is_multipart_form_data() || !req.has_file("audio")) {
    throw Error(error_code::kInvalidArgument,
                "Send the recording as multipart form data with the file in the field 'audio'.");
  }
  if (!req.has_file("passageId")) {
    throw Error(error_code::kInvalidArgument, "Say which passage this is in the field 'passageId'.");
  }
  const auto file = req.get_file_value("audio");
  studio::UploadRequest request;
  request.passage_id = req.get_file_value("passageId").content.substr(0, kMaxPassageIdChars);
  request.filename = file.filename.substr(0, kMaxFilenameChars);
  request.content_type = file.content_type.substr(0, kMaxFilenameChars);
  request.bytes = file.content;
  if (req.has_file("transcript")) request.transcript = req.get_file_value("transcript").content;
  return request;
}

nlohmann::json tier_progress_json(const quality::SetAssessment& set) {
  return {{"tier", set.tier},
          {"nextTier", set.next_tier.empty() ? nlohmann::json(nullptr) : nlohmann::json(set.next_tier)},
          {"missingForNextTier", set.missing_for_next_tier},
          {"totalSec", set.total_s},
          {"passagesDone", set.passages_done},
          {"passagesTotal", static_cast<int>(text::passages().size())},
          {"qualityScore", set.quality_score}};
}

void count_rejection(const std::string& reason) {
  metrics::Registry::global().increment("echoes_upload_rejections_total", {{"reason", reason}});
}

void handle_upload(ServerContext& context, const store::User& user, const httplib::Request& req,
                   httplib::Response& res) {
  studio::UploadResult result;
  try {
    enforce(context.limits.uploads, user.id, "uploads");
    result = context.studio.upload(user.id, upload_request(req));
  } catch (const Error& e) {
    count_rejection(e.code());
    throw;
  }
  auto analysis = quality::analysis_to_json(result.analysis);
  analysis["readAlong"] = studio::read_along_to_json(result.read_along);
  if (!result.accepted) {
    count_rejection(error_code::kNoSpeech);
    const std::string message = "No speech found in this recording. Check that the right microphone is "
                                "selected and read the passage aloud.";
    send_json(res, 422, {{"error", {{"code", error_code::kNoSpeech}, {"message", message}}},
                         {"analysis", analysis}, {"issues", analysis["issues"]}});
    return;
  }
  send_json(res, 201, {{"recording", studio::recording_to_json(*result.recording)},
                       {"analysis", analysis},
                       {"issues", analysis["issues"]},
                       {"set", quality::set_assessment_to_json(result.set)},
                       {"tierProgress", tier_progress_json(result.set)},
                       {"trainingJob", result.training_job ? job_to_json(*result.training_job) : nlohmann::json(nullptr)}});
}

// The voice's self-assessment (after a build), or null while there is none.
nlohmann::json voice_quality_json(const studio::VoiceStatus& status) {
  if (status.voice_quality_json.empty()) return nullptr;
  const auto quality = nlohmann::json::parse(status.voice_quality_json, nullptr, false);
  if (!quality.is_object() || !quality.contains("assessment")) return {{"state", "assessing"}};
  return quality["assessment"];
}

nlohmann::json status_json(const studio::VoiceStatus& status) {
  const auto& job = status.latest_training_job;
  const nlohmann::json voice_quality = voice_quality_json(status);
  const bool assessed = voice_quality.is_object() && voice_quality.value("state", "") == "done";
  return {{"hasRecordings", status.has_recordings},
          {"recordingsComplete", status.recordings_complete},
          {"trainingStatus", status.training_status},
          {"trainingProgress", job ? job->progress : 0.0},
          {"trainingJob", job ? job_to_json(*job) : nlohmann::json(nullptr)},
          {"modelReady", status.model_ready},
          // The voice's measured quality once assessed, else the recordings' quality.
          {"qualityScore", assessed ? voice_quality["qualityScore"].get<double>() : status.quality_score},
          {"qualitySource", assessed ? "voice" : "recordings"},
          {"voiceQuality", voice_quality},
          {"recordingQualityScore", status.quality_score},
          {"estimatedTrainingTime", status.estimated_training_time_s},
          {"tier", status.set.tier},
          {"tierProgress", tier_progress_json(status.set)},
          {"set", quality::set_assessment_to_json(status.set)},
          {"consentRequired", status.consent_required},
          {"consentGiven", status.consent_given},
          {"consentState", status.consent_state}};
}

}  // namespace

void register_voice_routes(RouteTable& http, ServerContext& context) {
  http.Get("/api/voice/passages", guarded("/api/voice/passages", [](const httplib::Request&, httplib::Response& res) {
             send_json(res, 200, {{"passages", passages_json()}});
           }));
  http.Post("/api/voice/upload",
            capped_body(upload_body_bytes(context.config), signed_in(context, "/api/voice/upload",
                      [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                        handle_upload(context, user, req, res);
                      })));
  http.Get("/api/voice/status",
           signed_in(context, "/api/voice/status",
                     [&context](const store::User& user, const httplib::Request&, httplib::Response& res) {
                       send_json(res, 200, status_json(context.studio.status(user.id)));
                     }));
}

}  // namespace echoes::server
