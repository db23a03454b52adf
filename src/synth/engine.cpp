#include "synth/engine.h"

#include <filesystem>

#include "voice/voice_file.h"

namespace echoes::synth {

EmbeddedEngine::EmbeddedEngine(std::size_t max_cached_voices) : max_cached_(std::max<std::size_t>(1, max_cached_voices)) {}

std::shared_ptr<const voice::VoiceModel> EmbeddedEngine::voice(const std::string& voice_dir_or_file) {
  const auto file = voice::voice_file_in(voice_dir_or_file);
  std::error_code ec;
  const auto stamp = std::filesystem::last_write_time(file, ec);
  const long long modified = ec ? 0 : static_cast<long long>(stamp.time_since_epoch().count());
  std::lock_guard lock(mutex_);
  for (auto it = cache_.begin(); it != cache_.end(); ++it) {
    if (it->key != file.string()) continue;
    if (it->modified == modified) {
      cache_.splice(cache_.begin(), cache_, it);
      return cache_.front().model;
    }
    cache_.erase(it);
    break;
  }
  auto model = std::make_shared<const voice::VoiceModel>(voice::load_voice(file));
  cache_.push_front({file.string(), model, modified});
  while (cache_.size() > max_cached_) cache_.pop_back();
  return model;
}

audio::Audio EmbeddedEngine::synthesize(const std::string& voice_id, std::string_view text,
                                        const SynthesisOptions& options) {
  const auto model = voice(voice_id);
  return synth::synthesize(*model, text, options);
}

void EmbeddedEngine::synthesize_stream(const std::string& voice_id, std::string_view text,
                                       const SynthesisOptions& options, const ChunkCallback& on_chunk) {
  const auto model = voice(voice_id);
  synth::synthesize_stream(*model, text, options, on_chunk);
}

}  // namespace echoes::synth
