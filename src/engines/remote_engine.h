#pragma once
// A synthesis engine on another machine: any server speaking OpenAI-compatible
// POST {base_url}/audio/speech (e.g. an XTTS-v2 or Piper server on a GPU box).
// Echoes sends {model, input, voice, response_format: "wav", speed} and decodes the WAV
// reply to its 22,050 Hz working rate.
#include <string>

#include "synth/engine.h"

namespace echoes::engines {

struct RemoteEngineOptions {
  std::string base_url;            // e.g. "http://10.0.0.5:8000/v1" (scheme, host, port, path prefix)
  std::string model = "tts-1";     // the remote's model name
  std::string api_key;             // sent as "Authorization: Bearer"; empty = none
  std::string voice_override;      // remote voice name for every request; empty = Echoes' voice name
  double connect_timeout_s = 2.0;
  double read_timeout_s = 30.0;    // whole reply
};

class RemoteEngine final : public synth::Engine {
 public:
  /// Throws echoes::Error(kInvalidArgument) for a malformed base_url.
  explicit RemoteEngine(RemoteEngineOptions options);

  std::string name() const override { return "remote"; }
  /// Errors: kUnavailable when the server cannot be reached, times out, or answers 5xx;
  /// kInvalidArgument for a 4xx; kInvalidAudio when the reply is not decodable audio.
  audio::Audio synthesize(const std::string& voice, std::string_view text,
                          const synth::SynthesisOptions& options) override;
  /// The remote answers whole clips, so this calls synthesize() once per sentence.
  void synthesize_stream(const std::string& voice, std::string_view text, const synth::SynthesisOptions& options,
                         const synth::ChunkCallback& on_chunk) override;

 private:
  RemoteEngineOptions options_;
  std::string scheme_host_port_;
  std::string path_prefix_;
};

}  // namespace echoes::engines
