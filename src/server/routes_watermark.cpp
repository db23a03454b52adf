// POST /api/watermark/detect (multipart `audio`): did this clip come from Echoes, and from
// which voice? The voice id is told to its owner and to admins; anyone else learns only
// that the clip is from an Echoes voice that is not theirs.
#include <span>

#include "audio/decode.h"
#include "common/error.h"
#include "server/body_limits.h"
#include "server/context.h"
#include "server/http_util.h"
#include "watermark/detect.h"
#include "watermark/detection_json.h"
#include "watermark/pattern.h"

namespace echoes::server {
namespace {

struct VoiceOwner {
  std::string voice_id;
  std::string user_id;
};

// System-wide on purpose: a clip may come from any account's voice.
std::vector<VoiceOwner> all_voices(store::Database& db) {
  std::vector<VoiceOwner> voices;
  auto statement = db.connection().prepare("SELECT id, user_id FROM voices");
  while (statement.step()) voices.push_back({statement.column_text(0), statement.column_text(1)});
  return voices;
}

nlohmann::json matching_voices(ServerContext& context, const store::User& caller, const watermark::Detection& detection) {
  const auto voices = all_voices(context.db);
  std::vector<std::uint32_t> tags;
  for (const auto& voice : voices) tags.push_back(watermark::voice_tag(voice.voice_id));
  std::optional<std::uint32_t> tag;
  if (detection.tag_valid) tag = detection.tag;
  if (!tag) tag = watermark::match_tag(detection, tags);
  nlohmann::json matches = nlohmann::json::array();
  if (!tag) return matches;
  for (const auto& voice : voices) {
    if (watermark::voice_tag(voice.voice_id) != *tag) continue;
    const bool visible = voice.user_id == caller.id || caller.role == "admin";
    matches.push_back({{"voiceId", visible ? nlohmann::json(voice.voice_id) : nlohmann::json(nullptr)},
                       {"yours", voice.user_id == caller.id}});
  }
  return matches;
}

}  // namespace

void register_watermark_routes(RouteTable& http, ServerContext& context) {
  http.Post("/api/watermark/detect",
            capped_body(upload_body_bytes(context.config), signed_in(context, "/api/watermark/detect",
                      [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                        if (!req.is_multipart_form_data() || !req.has_file("audio")) {
                          throw Error(error_code::kInvalidArgument, "Send the clip as multipart form data in the field 'audio'.");
                        }
                        const std::string bytes = req.get_file_value("audio").content;
                        audio::DecodeOptions limits;
                        limits.max_bytes = context.config.max_upload_bytes;
                        limits.max_duration_s = context.config.max_recording_s;
                        const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
                        const auto decoded = audio::decode_audio(std::span(data, bytes.size()), limits);
                        watermark::WatermarkOptions options;
                        if (!context.config.watermark_key.empty()) options.key = context.config.watermark_key;
                        const auto detection = watermark::detect_watermark(decoded.audio, options);
                        nlohmann::json reply = {{"fromEchoes", detection.found},
                                                {"detection", watermark::detection_to_json(detection)},
                                                {"voices", detection.found ? matching_voices(context, user, detection)
                                                                           : nlohmann::json::array()}};
                        send_json(res, 200, reply);
                      })));
}

}  // namespace echoes::server
