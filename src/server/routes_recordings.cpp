// GET /api/voice/recordings, GET /api/voice/recordings/{id}/audio, DELETE /api/voice/recordings/{id}.
#include "common/error.h"
#include "server/body_limits.h"
#include "server/context.h"
#include "server/http_util.h"
#include "studio/stored_analysis.h"

namespace echoes::server {
namespace {

// Ids are 32 hex characters; anything else cannot exist, so it is a plain 404.
constexpr const char* kIdPattern = "([0-9a-f]{32})";

// The type comes from what the decoder found, never from what the client claimed.
std::string audio_content_type(const store::RecordingRecord& record) {
  const std::string container = studio::stored_container(record);
  if (container == "wav") return "audio/wav";
  if (container == "flac") return "audio/flac";
  if (container == "ogg") return "audio/ogg";
  if (container == "mp3") return "audio/mpeg";
  return "application/octet-stream";
}

}  // namespace

void register_recording_routes(RouteTable& http, ServerContext& context) {
  http.Get("/api/voice/recordings",
           signed_in(context, "/api/voice/recordings",
                     [&context](const store::User& user, const httplib::Request&, httplib::Response& res) {
                       nlohmann::json list = nlohmann::json::array();
                       for (const auto& record : context.studio.list(user.id)) {
                         list.push_back(studio::recording_to_json(record));
                       }
                       send_json(res, 200, {{"recordings", list}});
                     }));
  http.Get(std::string("/api/voice/recordings/") + kIdPattern + "/audio",
           signed_in(context, "/api/voice/recordings/{id}/audio",
                     [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                       const std::string id = req.matches[1];
                       const auto record = context.studio.get(user.id, id);
                       if (!record) throw Error(error_code::kNotFound, "That recording does not exist.");
                       res.status = 200;
                       res.set_header("X-Content-Type-Options", "nosniff");
                       res.set_content(context.studio.original_bytes(user.id, id), audio_content_type(*record));
                     }));
  http.Delete(std::string("/api/voice/recordings/") + kIdPattern,
              capped_body(kSmallBodyBytes, signed_in(context, "/api/voice/recordings/{id}",
                        [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                          if (!context.studio.remove(user.id, req.matches[1])) {
                            throw Error(error_code::kNotFound, "That recording does not exist.");
                          }
                          send_json(res, 200, {{"deleted", true}, {"id", req.matches[1]}});
                        })));
}

}  // namespace echoes::server
