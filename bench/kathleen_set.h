#pragma once
// A native speaker's CMU ARCTIC prompts (Kathleen's or bdl's: the same texts) and build sets
// from them, shared by the voice benchmarks.
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

/// A speaker's prompts in transcript order ("kathleen" or "bdl").
inline std::vector<Prompt> speaker_prompts(const std::string& speaker) {
  std::ifstream tsv(echoes::testing::speech_dir() / speaker / "transcripts.tsv");
  std::vector<Prompt> out;
  std::string line;
  while (std::getline(tsv, line)) {
    const auto tab = line.find('\t');
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

inline std::vector<Prompt> kathleen_prompts() { return speaker_prompts("kathleen"); }

/// The path of a prompt's recording.
inline std::filesystem::path prompt_audio(const std::string& speaker, const Prompt& prompt) {
  return echoes::testing::speech_dir() / speaker / "audio" / (prompt.id + ".flac");
}

/// A speaker's first prompts until `audio_s` seconds of audio.
inline std::vector<voice::TrainingUtterance> speaker_build_set(const std::string& speaker,
                                                               const std::vector<Prompt>& prompts, double audio_s) {
  std::vector<voice::TrainingUtterance> out;
  double total_s = 0.0;
  for (const auto& p : prompts) {
    if (total_s >= audio_s) break;
    auto utt = voice::load_training_utterances({{prompt_audio(speaker, p), p.text}}).front();
    total_s += utt.audio.duration_s();
    out.push_back(std::move(utt));
  }
  return out;
}

/// Kathleen's first prompts until `audio_s` seconds of audio.
inline std::vector<voice::TrainingUtterance> kathleen_build_set(const std::vector<Prompt>& prompts, double audio_s) {
  return speaker_build_set("kathleen", prompts, audio_s);
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
