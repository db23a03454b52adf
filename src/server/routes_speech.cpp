// OpenAI-compatible speech: POST /v1/audio/speech and GET /v1/models, so existing
// OpenAI clients can speak with a cloned voice (bearer = the user's Echoes token).
// Formats follow OpenAI's: mp3 when none is named, opus (Ogg), wav, flac and pcm (16-bit
// little-endian at 24 kHz, as OpenAI sends it); aac is refused with 415. The whole file is
// sent at once (with Content-Length): there is no chunked or SSE streaming on this route.
#include <algorithm>
#include <cmath>

#include "audio/resample.h"
#include "common/error.h"
#include "server/body_limits.h"
#include "server/http_util.h"
#include "server/routes_chat.h"
#include "server/synthesis_format.h"
#include "store/ids.h"
#include "store/voice_repository.h"

namespace echoes::server {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxInputChars = 4096;  // OpenAI's limit for this endpoint
constexpr double kMinSpeed = 0.25;
constexpr double kMaxSpeed = 4.0;
constexpr int kOpenAiPcmRateHz = 24000;  // OpenAI's pcm: raw 16-bit little-endian at 24 kHz

struct SpeechRequest {
  std::string voice;
  std::string input;
  SynthesisFormat format = SynthesisFormat::mp3;  // OpenAI's default
  double speed = 1.0;
};

// OpenAI's response_format names; mp3 when none is given. A name Echoes cannot encode
// (aac, or anything else) is 415, as for an upload in an unsupported format.
SynthesisFormat response_format(const json& body) {
  const auto format = synthesis_format_named(optional_string(body, "response_format", "mp3", 16));
  if (!format) {
    throw Error(error_code::kUnsupportedFormat,
                "This response_format is not supported: use mp3 (the default), opus, wav, flac or pcm.");
  }
  return *format;
}

// stream_format "audio" (OpenAI's default) is what this route sends; "sse" is not offered.
void require_audio_stream_format(const json& body) {
  if (optional_string(body, "stream_format", "audio", 16) != "audio") {
    throw Error(error_code::kInvalidArgument, "stream_format must be 'audio': this server does not send speech as events.");
  }
}

SpeechRequest speech_request(const json& body) {
  SpeechRequest request;
  request.input = required_string(body, "input", kMaxInputChars);
  if (request.input.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(error_code::kInvalidArgument, "'input' needs some text to speak.");
  }
  request.voice = optional_string(body, "voice", "", 64);
  request.format = response_format(body);
  require_audio_stream_format(body);
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

// Raw PCM carries no header, so it is sent at the rate OpenAI clients assume (and named in
// X-Sample-Rate); the other formats carry their rate themselves.
void send_audio(httplib::Response& res, const audio::Audio& spoken, SynthesisFormat format) {
  audio::Audio sent = spoken;
  if (format == SynthesisFormat::pcm16 && sent.rate_hz != kOpenAiPcmRateHz) {
    sent = {audio::resample(spoken.samples, spoken.rate_hz, kOpenAiPcmRateHz), kOpenAiPcmRateHz};
  }
  res.status = 200;
  if (format == SynthesisFormat::pcm16) res.set_header("X-Sample-Rate", std::to_string(sent.rate_hz));
  res.set_content(encode_for_format(sent, format), content_type_for(format, sent.rate_hz));
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

void register_speech_routes(RouteTable& http, ServerContext& context, chat::SpeechFn speech) {
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
