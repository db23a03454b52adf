#pragma once
// TEST DOUBLE for the voice engine: "speaks" a sentence as a 220 Hz tone lasting 60 ms
// per character (roughly a relaxed speaking rate), at 22,050 Hz. Not speech.
#include <cmath>
#include <optional>
#include <string>

#include "audio/audio.h"

namespace echoes::testing {

inline constexpr double kToneSecondsPerChar = 0.06;

inline std::optional<audio::Audio> tone_for_sentence(const std::string&, const std::string& sentence) {
  audio::Audio tone;
  tone.rate_hz = audio::kWorkingRateHz;
  const auto count = static_cast<std::size_t>(sentence.size() * kToneSecondsPerChar * tone.rate_hz);
  tone.samples.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    tone.samples[i] = 0.3f * static_cast<float>(std::sin(2.0 * M_PI * 220.0 * static_cast<double>(i) / tone.rate_hz));
  }
  return tone;
}

}  // namespace echoes::testing
