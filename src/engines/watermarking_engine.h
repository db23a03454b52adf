#pragma once
// Wraps any engine so every clip and every streamed chunk it produces carries the Echoes
// watermark (watermark/), tagged with the voice it was spoken in. Server and CLI both
// speak through it, so no synthesized audio leaves Echoes unmarked.
#include <memory>

#include "synth/engine.h"
#include "watermark/options.h"

namespace echoes::engines {

class WatermarkingEngine final : public synth::Engine {
 public:
  WatermarkingEngine(std::shared_ptr<synth::Engine> inner, watermark::WatermarkOptions options);

  std::string name() const override { return inner_->name(); }
  audio::Audio synthesize(const std::string& voice, std::string_view text,
                          const synth::SynthesisOptions& options) override;
  void synthesize_stream(const std::string& voice, std::string_view text, const synth::SynthesisOptions& options,
                         const synth::ChunkCallback& on_chunk) override;

 private:
  std::shared_ptr<synth::Engine> inner_;
  watermark::WatermarkOptions options_;
};

}  // namespace echoes::engines
