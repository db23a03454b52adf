#include "engines/remote_engine.h"

#include <filesystem>
#include <regex>
#include <span>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "audio/decode.h"
#include "common/error.h"
#include "engines/voice_id.h"
#include "text/sentences.h"

namespace echoes::engines {
namespace {

std::unique_ptr<httplib::Client> make_client(const std::string& scheme_host_port, const RemoteEngineOptions& options) {
  auto client = std::make_unique<httplib::Client>(scheme_host_port);
  const auto seconds = [](double s) { return static_cast<time_t>(s); };
  const auto micros = [](double s) { return static_cast<time_t>((s - static_cast<double>(static_cast<time_t>(s))) * 1e6); };
  client->set_connection_timeout(seconds(options.connect_timeout_s), micros(options.connect_timeout_s));
  client->set_read_timeout(seconds(options.read_timeout_s), micros(options.read_timeout_s));
  client->set_write_timeout(seconds(options.read_timeout_s), micros(options.read_timeout_s));
  if (!options.api_key.empty()) client->set_bearer_token_auth(options.api_key.c_str());
  return client;
}

}  // namespace

RemoteEngine::RemoteEngine(RemoteEngineOptions options) : options_(std::move(options)) {
  static const std::regex url(R"(^(https?://[^/]+)(/.*)?$)");
  std::smatch parts;
  if (!std::regex_match(options_.base_url, parts, url)) {
    throw Error(error_code::kInvalidArgument, "The remote engine URL must look like http://host:port/v1.");
  }
  scheme_host_port_ = parts[1];
  path_prefix_ = parts[2];
  while (!path_prefix_.empty() && path_prefix_.back() == '/') path_prefix_.pop_back();
}

audio::Audio RemoteEngine::synthesize(const std::string& voice, std::string_view text,
                                      const synth::SynthesisOptions& options) {
  const nlohmann::json request = {
      {"model", options_.model},
      {"input", std::string(text)},
      {"voice", options_.voice_override.empty() ? voice_id_of(voice) : options_.voice_override},
      {"response_format", "wav"},
      {"speed", options.speed}};
  auto client = make_client(scheme_host_port_, options_);
  const auto result = client->Post(path_prefix_ + "/audio/speech", request.dump(), "application/json");
  if (!result) {
    throw Error(error_code::kUnavailable, "The remote voice engine could not be reached (" +
                                              httplib::to_string(result.error()) + ").");
  }
  if (result->status >= 500) {
    throw Error(error_code::kUnavailable, "The remote voice engine failed (HTTP " + std::to_string(result->status) + ").");
  }
  if (result->status != 200) {
    throw Error(error_code::kInvalidArgument,
                "The remote voice engine refused the request (HTTP " + std::to_string(result->status) + ").");
  }
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(result->body.data());
  return audio::decode_audio(std::span(bytes, result->body.size())).audio;
}

void RemoteEngine::synthesize_stream(const std::string& voice, std::string_view text,
                                     const synth::SynthesisOptions& options, const synth::ChunkCallback& on_chunk) {
  for (const std::string& sentence : text::split_sentences(text)) {
    if (!on_chunk(synthesize(voice, sentence, options))) return;
  }
}

}  // namespace echoes::engines
