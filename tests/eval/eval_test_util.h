#pragma once
// Loading shared-corpus clips for the eval tests.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

#include "audio/decode.h"
#include "support/test_data.h"

namespace echoes::eval::testing {

/// Clips first .. first + count - 1 (in transcripts.tsv order) of a corpus folder
/// ("kathleen" or "speechocean/<id>"), with their transcripts.
inline std::vector<std::pair<audio::Audio, std::string>> load_clips(const std::string& folder, std::size_t first,
                                                                    std::size_t count) {
  const auto dir = echoes::testing::speech_dir() / folder;
  std::ifstream tsv(dir / "transcripts.tsv");
  std::vector<std::pair<audio::Audio, std::string>> out;
  std::string line;
  for (std::size_t i = 0; std::getline(tsv, line) && out.size() < count; ++i) {
    if (i < first) continue;
    const auto tab = line.find('\t');
    out.emplace_back(audio::decode_audio_file(dir / "audio" / (line.substr(0, tab) + ".flac")).audio,
                     line.substr(tab + 1));
  }
  return out;
}

inline std::vector<audio::Audio> audio_only(const std::vector<std::pair<audio::Audio, std::string>>& clips) {
  std::vector<audio::Audio> out;
  for (const auto& c : clips) out.push_back(c.first);
  return out;
}

/// A harmonic-rich synthetic vowel-like tone (sum of harmonics of f0_hz), seconds long.
inline audio::Audio harmonic_tone(double f0_hz, double seconds, int rate_hz = 16000) {
  audio::Audio a;
  a.rate_hz = rate_hz;
  a.samples.resize(static_cast<std::size_t>(seconds * rate_hz));
  for (std::size_t n = 0; n < a.samples.size(); ++n) {
    double v = 0.0;
    for (int h = 1; h * f0_hz < rate_hz / 2.0; ++h) v += std::sin(2.0 * std::numbers::pi * h * f0_hz * n / rate_hz) / h;
    a.samples[n] = static_cast<float>(0.1 * v);
  }
  return a;
}

}  // namespace echoes::eval::testing
