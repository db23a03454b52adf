#pragma once
// Kathleen's prompts and a build set from them, shared by the voice benchmarks.
#include <fstream>
#include <string>
#include <vector>

#include "bench.h"
#include "support/temp_dir.h"
#include "support/test_data.h"
#include "voice/manifest.h"
#include "voice/voice_file.h"

namespace echoes::bench {

struct Prompt {
  std::string id, text;
};

/// Kathleen's prompts in transcript order.
inline std::vector<Prompt> kathleen_prompts() {
  std::ifstream tsv(echoes::testing::speech_dir() / "kathleen" / "transcripts.tsv");
  std::vector<Prompt> out;
  std::string line;
  while (std::getline(tsv, line)) {
    const auto tab = line.find('\t');
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

/// Kathleen's first prompts until `audio_s` seconds of audio.
inline std::vector<voice::TrainingUtterance> kathleen_build_set(const std::vector<Prompt>& prompts, double audio_s) {
  const auto dir = echoes::testing::speech_dir() / "kathleen" / "audio";
  std::vector<voice::TrainingUtterance> out;
  double total_s = 0.0;
  for (const auto& p : prompts) {
    if (total_s >= audio_s) break;
    auto utt = voice::load_training_utterances({{dir / (p.id + ".flac"), p.text}}).front();
    total_s += utt.audio.duration_s();
    out.push_back(std::move(utt));
  }
  return out;
}

/// Saves `built`, reports "<label> load" (mean of 10 loads, ms) and returns it loaded.
inline voice::VoiceModel save_and_time_loading(const voice::VoiceModel& built, const std::string& label) {
  echoes::testing::TempDir dir;
  const auto path = dir.path() / voice::kVoiceFileName;
  voice::save_voice(built, path);
  constexpr int kLoads = 10;
  const double t0 = now_s();
  for (int i = 0; i < kLoads; ++i) voice::load_voice(path);
  report(label + " load", (now_s() - t0) / kLoads * 1000.0, "ms");
  return voice::load_voice(path);
}

}  // namespace echoes::bench
