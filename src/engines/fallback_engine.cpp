#include "engines/fallback_engine.h"

#include "common/error.h"
#include "common/log.h"

namespace echoes::engines {

bool should_fall_back(const std::string& code) {
  return code == error_code::kUnavailable || code == error_code::kInternal || code == error_code::kInvalidAudio;
}

FallbackEngine::FallbackEngine(std::shared_ptr<synth::Engine> primary, std::shared_ptr<synth::Engine> secondary)
    : primary_(std::move(primary)), secondary_(std::move(secondary)) {}

std::string FallbackEngine::name() const { return primary_->name() + "+" + secondary_->name(); }

std::string FallbackEngine::last_served_by() const {
  std::lock_guard lock(mutex_);
  return last_served_by_;
}

audio::Audio FallbackEngine::synthesize(const std::string& voice, std::string_view text,
                                        const synth::SynthesisOptions& options) {
  try {
    auto audio = primary_->synthesize(voice, text, options);
    std::lock_guard lock(mutex_);
    last_served_by_ = primary_->name();
    return audio;
  } catch (const Error& e) {
    if (!should_fall_back(e.code())) throw;
    log::warn("engine_fallback", {{"from", primary_->name()}, {"to", secondary_->name()}, {"code", e.code()}});
  }
  auto audio = secondary_->synthesize(voice, text, options);
  std::lock_guard lock(mutex_);
  last_served_by_ = secondary_->name();
  return audio;
}

void FallbackEngine::synthesize_stream(const std::string& voice, std::string_view text,
                                       const synth::SynthesisOptions& options, const synth::ChunkCallback& on_chunk) {
  bool delivered = false;
  const synth::ChunkCallback counting = [&](const audio::Audio& chunk) {
    delivered = true;
    return on_chunk(chunk);
  };
  try {
    primary_->synthesize_stream(voice, text, options, counting);
    std::lock_guard lock(mutex_);
    last_served_by_ = primary_->name();
    return;
  } catch (const Error& e) {
    if (delivered || !should_fall_back(e.code())) throw;
    log::warn("engine_fallback", {{"from", primary_->name()}, {"to", secondary_->name()}, {"code", e.code()}});
  }
  secondary_->synthesize_stream(voice, text, options, on_chunk);
  std::lock_guard lock(mutex_);
  last_served_by_ = secondary_->name();
}

}  // namespace echoes::engines
