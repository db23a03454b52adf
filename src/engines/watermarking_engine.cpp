#include "engines/watermarking_engine.h"

#include <filesystem>

#include "engines/voice_id.h"
#include "watermark/embed.h"
#include "watermark/pattern.h"

namespace echoes::engines {

WatermarkingEngine::WatermarkingEngine(std::shared_ptr<synth::Engine> inner, watermark::WatermarkOptions options)
    : inner_(std::move(inner)), options_(std::move(options)) {}

audio::Audio WatermarkingEngine::synthesize(const std::string& voice, std::string_view text,
                                            const synth::SynthesisOptions& options) {
  const audio::Audio clip = inner_->synthesize(voice, text, options);
  return watermark::embed_watermark(clip, watermark::voice_tag(voice_id_of(voice)), options_);
}

void WatermarkingEngine::synthesize_stream(const std::string& voice, std::string_view text,
                                           const synth::SynthesisOptions& options,
                                           const synth::ChunkCallback& on_chunk) {
  const std::uint32_t tag = watermark::voice_tag(voice_id_of(voice));
  inner_->synthesize_stream(voice, text, options, [&](const audio::Audio& chunk) {
    return on_chunk(watermark::embed_watermark(chunk, tag, options_));
  });
}

}  // namespace echoes::engines
