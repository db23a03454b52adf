// POST /api/voice/synthesize {text, quality, speed, format: wav|pcm16|flac|mp3|opus, stream}:
// speech in the signed-in user's own voice. With stream=true the reply is chunked and the
// first sentence's audio is sent as soon as it is ready.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>

#include "audio/encode.h"
#include "common/error.h"
#include "common/log.h"
#include "common/utf8.h"
#include "metrics/registry.h"
#include "server/body_limits.h"
#include "server/context.h"
#include "server/http_util.h"
#include "server/synthesis_format.h"
#include "store/audit_log.h"
#include "store/feedback_repository.h"
#include "store/ids.h"

namespace echoes::server {
namespace {

constexpr std::size_t kMaxTextChars = 5000;
constexpr double kMinSpeed = 0.5;  // the engine's range
constexpr double kMaxSpeed = 2.0;

struct SynthesisRequest {
  std::string text;
  synth::SynthesisOptions options;
  std::string format = "wav";
  bool stream = false;
};

SynthesisRequest parse_request(const httplib::Request& req) {
  const auto body = parse_json_object(req);
  SynthesisRequest request;
  request.text = required_string(body, "text", kMaxTextChars);
  if (request.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(error_code::kInvalidArgument, "Type some text to speak.");
  }
  request.options.quality = synth::parse_quality(optional_string(body, "quality", "standard", 16));
  request.options.speed = optional_number(body, "speed", kMinSpeed, kMaxSpeed).value_or(request.options.speed);
  request.format = optional_string(body, "format", "wav", 16);
  const SynthesisFormat format = parse_synthesis_format(request.format);
  request.stream = optional_bool(body, "stream", false);
  if (request.stream && !is_streamable(format)) {
    throw Error(error_code::kInvalidArgument, "Only wav and pcm16 can be streamed: use one of them, or stream=false.");
  }
  return request;
}

std::string ready_voice_dir(ServerContext& context, const std::string& user_id) {
  const auto voice = context.studio.ready_voice(user_id);
  if (!voice) {
    throw Error(error_code::kConflict, "Your voice is not ready yet. Record the passages and build your voice first.");
  }
  return voice->dir.string();
}

double seconds_now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

void record_synthesis(double first_audio_s, double total_s, double audio_s, bool streamed) {
  auto& metrics = metrics::Registry::global();
  const metrics::Labels labels = {{"mode", streamed ? "stream" : "whole"}};
  metrics.observe("echoes_synthesis_time_to_first_audio_seconds", first_audio_s, labels);
  if (audio_s > 0) metrics.observe("echoes_synthesis_real_time_factor", total_s / audio_s, labels);
}

// Keeps the clip's numbers (never its text) so the person can rate it and operators can
// see usage.
void record_synthesis_row(ServerContext& context, const std::string& synthesis_id, const std::string& user_id,
                          const std::string& voice_dir, const SynthesisRequest& request, double audio_s,
                          std::optional<double> first_audio_s) {
  store::SynthesisRecord row;
  row.id = synthesis_id;
  row.user_id = user_id;
  row.voice_id = std::filesystem::path(voice_dir).filename().string();
  row.text_chars = static_cast<int>(utf8_char_count(request.text));
  row.audio_s = audio_s;
  row.first_audio_s = first_audio_s;
  row.streamed = request.stream;
  store::FeedbackRepository(context.db).record_synthesis(row);
  // Who spoke with which voice: ids and sizes only, never the text.
  store::AuditLog(context.db).record(user_id, "voice.spoken", row.voice_id,
                                     nlohmann::json({{"synthesisId", synthesis_id},
                                                     {"textChars", row.text_chars},
                                                     {"audioSec", audio_s}}).dump());
}

void respond_whole(ServerContext& context, const std::string& voice_dir, const SynthesisRequest& request,
                   httplib::Response& res, const std::string& synthesis_id, const std::string& user_id) {
  const double started_s = seconds_now();
  const audio::Audio speech = context.engine.synthesize(voice_dir, request.text, request.options);
  context.limits.synthesis.charge_audio(user_id, speech.duration_s());
  const double elapsed_s = seconds_now() - started_s;
  record_synthesis(elapsed_s, elapsed_s, speech.duration_s(), false);
  record_synthesis_row(context, synthesis_id, user_id, voice_dir, request, speech.duration_s(), elapsed_s);
  const auto format = parse_synthesis_format(request.format);
  res.set_content(encode_for_format(speech, format), content_type_for(format, speech.rate_hz));
}

void respond_streamed(ServerContext& context, const std::string& voice_dir, const SynthesisRequest& request,
                      httplib::Response& res, const std::string& synthesis_id, const std::string& user_id) {
  const auto format = parse_synthesis_format(request.format);
  res.set_chunked_content_provider(
      content_type_for(format, audio::kWorkingRateHz),  // the engine speaks at the working rate
      [&context, voice_dir, request, format, synthesis_id, user_id](std::size_t, httplib::DataSink& sink) {
        bool first = true;
        const double started_s = seconds_now();
        double first_audio_s = 0;
        double audio_s = 0;
        try {
          context.engine.synthesize_stream(voice_dir, request.text, request.options,
                                           [&](const audio::Audio& chunk) {
                                             const std::string bytes = encode_stream_chunk(chunk, format, first);
                                             if (first) first_audio_s = seconds_now() - started_s;
                                             first = false;
                                             audio_s += chunk.duration_s();
                                             context.limits.synthesis.charge_audio(user_id, chunk.duration_s());
                                             return sink.write(bytes.data(), bytes.size());
                                           });
          record_synthesis(first_audio_s, seconds_now() - started_s, audio_s, true);
          record_synthesis_row(context, synthesis_id, user_id, voice_dir, request, audio_s, first_audio_s);
        } catch (const std::exception& e) {
          // Headers are gone already: end the stream; the log says why.
          log::warn("synthesis_stream_failed", {{"what", e.what()}});
        }
        sink.done();
        return true;
      });
}

}  // namespace

void register_synthesize_routes(RouteTable& http, ServerContext& context) {
  http.Post("/api/voice/synthesize",
            capped_body(kJsonBodyBytes, signed_in(context, "/api/voice/synthesize",
                      [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                        context.limits.synthesis.admit(user.id);
                        const SynthesisRequest request = parse_request(req);
                        const std::string voice_dir = ready_voice_dir(context, user.id);
                        res.status = 200;
                        const std::string synthesis_id = store::new_id();
                        res.set_header("X-Synthesis-Id", synthesis_id);
                        res.set_header("Access-Control-Expose-Headers", "X-Synthesis-Id");
                        if (request.stream) {
                          respond_streamed(context, voice_dir, request, res, synthesis_id, user.id);
                        } else {
                          respond_whole(context, voice_dir, request, res, synthesis_id, user.id);
                        }
                      })));
}

}  // namespace echoes::server
