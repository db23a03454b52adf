#pragma once
// Kathleen recordings as training utterances, shared by the voice tests.
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "support/test_data.h"
#include "text/flite_front_end.h"
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

/// Manifest entries of the first `count` Kathleen prompts (from `first` on) whose text has
/// none of `phones` (flite's pronunciation, lowercase names such as "zh").
inline std::vector<ManifestEntry> kathleen_entries_without(const std::vector<std::string>& phones, std::size_t count,
                                                           std::size_t first = 0) {
  const text::FliteFrontEnd front_end;
  std::vector<ManifestEntry> out;
  for (auto& entry : kathleen_entries(first, 600)) {
    if (out.size() >= count) break;
    bool has = false;
    for (const auto& p : front_end.analyze(entry.transcript).phones) {
      has = has || std::find(phones.begin(), phones.end(), p.name) != phones.end();
    }
    if (!has) out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace echoes::voice::testing
