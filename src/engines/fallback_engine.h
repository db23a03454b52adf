#pragma once
// Two engines, one preferred: a request the primary cannot serve (unreachable, timed out,
// failing) is served by the secondary. Chosen per deployment (config `engine`).
#include <memory>
#include <mutex>
#include <string>

#include "synth/engine.h"

namespace echoes::engines {

class FallbackEngine final : public synth::Engine {
 public:
  FallbackEngine(std::shared_ptr<synth::Engine> primary, std::shared_ptr<synth::Engine> secondary);

  std::string name() const override;
  audio::Audio synthesize(const std::string& voice, std::string_view text,
                          const synth::SynthesisOptions& options) override;
  /// Falls back only while no chunk has been delivered: after that a failure ends the
  /// stream (the listener would otherwise hear a sentence twice or in two voices).
  void synthesize_stream(const std::string& voice, std::string_view text, const synth::SynthesisOptions& options,
                         const synth::ChunkCallback& on_chunk) override;

  /// Engine that served the last request ("embedded", "remote"), for logs and metrics.
  std::string last_served_by() const;

 private:
  std::shared_ptr<synth::Engine> primary_;
  std::shared_ptr<synth::Engine> secondary_;
  mutable std::mutex mutex_;
  std::string last_served_by_;
};

/// True for failures worth retrying on the other engine (kUnavailable, kInternal,
/// kInvalidAudio); false for the caller's own mistakes (invalid_argument, too_long...).
bool should_fall_back(const std::string& error_code);

}  // namespace echoes::engines
