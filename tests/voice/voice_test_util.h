#pragma once
// Kathleen recordings as training utterances, shared by the voice tests.
#include <fstream>
#include <string>
#include <vector>

#include "support/test_data.h"
#include "voice/manifest.h"

namespace echoes::voice::testing {

/// Manifest entries of Kathleen's prompts [first, first + count) in transcript order.
inline std::vector<ManifestEntry> kathleen_entries(std::size_t first, std::size_t count) {
  const auto dir = echoes::testing::speech_dir() / "kathleen";
  std::ifstream in(dir / "transcripts.tsv");
  std::vector<ManifestEntry> out;
  std::string line;
  for (std::size_t i = 0; std::getline(in, line) && out.size() < count; ++i) {
    if (i < first) continue;
    const auto tab = line.find('\t');
    out.push_back({dir / "audio" / (line.substr(0, tab) + ".flac"), line.substr(tab + 1)});
  }
  return out;
}

}  // namespace echoes::voice::testing
