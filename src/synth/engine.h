#pragma once
// The synthesis engine interface the server and CLI speak to, so an embedded engine and a
// remote one (added later) are interchangeable.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "audio/audio.h"
#include "synth/synthesizer.h"
#include "voice/voice_model.h"

namespace echoes::synth {

class Engine {
 public:
  virtual ~Engine() = default;
  /// Short identifier, e.g. "embedded".
  virtual std::string name() const = 0;
  /// Speaks `text` in the voice `voice` (a voice folder or voice file path). Errors as
  /// synthesize(), plus not_found / invalid_argument from loading the voice.
  virtual audio::Audio synthesize(const std::string& voice, std::string_view text,
                                  const SynthesisOptions& options) = 0;
  /// Streaming form: `on_chunk` gets each sentence; return false to stop.
  virtual void synthesize_stream(const std::string& voice, std::string_view text,
                                 const SynthesisOptions& options, const ChunkCallback& on_chunk) = 0;
};

/// Runs synthesis in-process, keeping the most recently used voices loaded.
/// Thread-safe: voices are shared read-only between concurrent syntheses.
class EmbeddedEngine final : public Engine {
 public:
  explicit EmbeddedEngine(std::size_t max_cached_voices = 8);

  std::string name() const override { return "embedded"; }
  audio::Audio synthesize(const std::string& voice, std::string_view text,
                          const SynthesisOptions& options) override;
  void synthesize_stream(const std::string& voice, std::string_view text, const SynthesisOptions& options,
                         const ChunkCallback& on_chunk) override;

  /// The loaded voice (from the cache, or loaded now). Reloads when the file changed on disk.
  std::shared_ptr<const voice::VoiceModel> voice(const std::string& voice_dir_or_file);

 private:
  struct Cached {
    std::string key;
    std::shared_ptr<const voice::VoiceModel> model;
    long long modified = 0;
  };
  std::size_t max_cached_;
  std::mutex mutex_;
  std::list<Cached> cache_;  // most recently used first
};

}  // namespace echoes::synth
