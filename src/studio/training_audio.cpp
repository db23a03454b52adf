#include "studio/training_audio.h"

#include <algorithm>
#include <cmath>

#include "audio/decode.h"

namespace echoes::studio {

audio::Audio load_training_audio(const TrainingUtterance& utterance) {
  audio::Audio audio = audio::decode_audio_file(utterance.wav_path).audio;
  if (utterance.end_s <= utterance.start_s) return audio;
  const auto sample_at = [&audio](double time_s) {
    const double index = std::round(std::max(time_s, 0.0) * audio.rate_hz);
    return static_cast<std::size_t>(std::min(index, static_cast<double>(audio.samples.size())));
  };
  const std::size_t first = sample_at(utterance.start_s);
  const std::size_t last = sample_at(utterance.end_s);
  audio.samples = std::vector<float>(audio.samples.begin() + first, audio.samples.begin() + std::max(first, last));
  return audio;
}

}  // namespace echoes::studio
