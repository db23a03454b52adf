// OpenAI-compatible speech: POST /v1/audio/speech and GET /v1/models, so existing
// OpenAI clients can speak with a cloned voice (bearer = the user's Echoes token).
#include <algorithm>
#include <cmath>

#include "audio/encode.h"
#include "common/error.h"
#include "server/body_limits.h"
#include "server/http_util.h"
#include "server/routes_chat.h"
#include "store/ids.h"
#include "store/voice_repository.h"

namespace echoes::server {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxInputChars = 4096;  // OpenAI's limit for this endpoint
constexpr double kMinSpeed = 0.25;
constexpr double kMaxSpeed = 4.0;

struct SpeechRequest {
  std::string voice;
  std::string input;
  std::string format;  // wav | pcm | flac
  double speed = 1.0;
};

SpeechRequest speech_request(const json& body) {
  SpeechRequest request;
  request.input = required_string(body, "input", kMaxInputChars);
  if (request.input.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(error_code::kInvalidArgument, "'input' needs some text to speak.");
  }
  request.voice = optional_string(body, "voice", "", 64);
  request.format = optional_string(body, "response_format", "wav", 16);
  if (request.format != "wav" && request.format != "pcm" && request.format != "flac") {
    throw Error(error_code::kUnsupportedFormat, "response_format must be wav, pcm or flac.");
  }
  request.speed = optional_number(body, "speed", kMinSpeed, kMaxSpeed).value_or(request.speed);
  return request;
}

// A voice id of the user's names that voice; any other name (e.g. OpenAI's "alloy")
// means the user's newest ready voice, so clients with a fixed voice list still work.
std::string resolve_voice(store::Database& db, const std::string& user_id, const std::string& voice) {
  store::VoiceRepository voices(db);
  if (store::is_valid_id(voice)) {
    if (!voices.get(user_id, voice)) throw Error(error_code::kNotFound, "There is no such voice.");
    return voice;
  }
  const auto list = voices.list(user_id);
  const auto ready = std::find_if(list.rbegin(), list.rend(), [](const store::Voice& v) { return v.status == "ready"; });
  if (ready == list.rend()) {
    throw Error(error_code::kNotFound, "You have no ready voice yet. Record the passages and build your voice first.");
  }
  return ready->id;
}

void send_audio(httplib::Response& res, const audio::Audio& audio, const std::string& format) {
  std::vector<std::uint8_t> bytes;
  std::string type;
  if (format == "wav") {
    bytes = audio::encode_wav_pcm16(audio);
    type = "audio/wav";
  } else if (format == "flac") {
    bytes = audio::encode_flac(audio);
    type = "audio/flac";
  } else {
    bytes = audio::encode_pcm16_raw(audio);
    type = "audio/pcm";
  }
  res.status = 200;
  res.set_header("X-Sample-Rate", std::to_string(audio.rate_hz));  // raw PCM carries no header
  res.set_content(std::string(bytes.begin(), bytes.end()), type);
}

// Only voices that can speak: one being built, or whose build failed, is no model.
json models_json(store::Database& db, const std::string& user_id) {
  json data = json::array();
  for (const auto& voice : store::VoiceRepository(db).list(user_id)) {
    if (voice.status != "ready") continue;
    data.push_back({{"id", voice.id},
                    {"object", "model"},
                    {"created", static_cast<long long>(std::floor(voice.created_at))},
                    {"owned_by", "user"},
                    {"status", voice.status}});
  }
  return {{"object", "list"}, {"data", data}};
}

}  // namespace

void register_speech_routes(httplib::Server& http, ServerContext& context, chat::SpeechFn speech) {
  http.Post("/v1/audio/speech",
            capped_body(kJsonBodyBytes, signed_in(context, "/v1/audio/speech",
                      [&context, speech](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                        const SpeechRequest request = speech_request(parse_json_object(req));
                        if (!speech) throw Error(error_code::kUnavailable, "Speech is not available on this server.");
                        context.limits.synthesis.admit(user.id);
                        const std::string voice_id = resolve_voice(context.db, user.id, request.voice);
                        const audio::Audio spoken = speech(user.id, voice_id, request.input, request.speed);
                        context.limits.synthesis.charge_audio(user.id, spoken.duration_s());
                        send_audio(res, spoken, request.format);
                      })));
  http.Get("/v1/models",
           signed_in(context, "/v1/models",
                     [&context](const store::User& user, const httplib::Request&, httplib::Response& res) {
                       send_json(res, 200, models_json(context.db, user.id));
                     }));
}

}  // namespace echoes::server
