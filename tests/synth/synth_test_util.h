#pragma once
// A small Kathleen voice shared by the synthesis tests (built once per test binary).
#include <fstream>
#include <memory>
#include <string>

#include "support/test_data.h"
#include "voice/build.h"
#include "voice/manifest.h"

namespace echoes::synth::testing {

/// Voice from Kathleen's first `count` prompts; nullptr without the shared corpus.
inline const voice::VoiceModel* kathleen_voice(std::size_t count = 25) {
  static std::unique_ptr<voice::VoiceModel> voice;
  if (voice) return voice.get();
  if (!echoes::testing::speech_data_available()) return nullptr;
  const auto dir = echoes::testing::speech_dir() / "kathleen";
  std::ifstream in(dir / "transcripts.tsv");
  std::vector<voice::ManifestEntry> entries;
  std::string line;
  while (entries.size() < count && std::getline(in, line)) {
    const auto tab = line.find('\t');
    entries.push_back({dir / "audio" / (line.substr(0, tab) + ".flac"), line.substr(tab + 1)});
  }
  voice = std::make_unique<voice::VoiceModel>(
      voice::build_voice(voice::load_training_utterances(entries), voice::BuildOptions{}));
  return voice.get();
}

}  // namespace echoes::synth::testing
