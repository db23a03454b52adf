#include "voice/manifest.h"

#include <fstream>

#include "audio/decode.h"
#include "common/error.h"

namespace echoes::voice {

std::vector<ManifestEntry> read_manifest(const std::filesystem::path& manifest_path) {
  std::ifstream in(manifest_path);
  if (!in) throw Error(error_code::kNotFound, "The manifest file cannot be read.");
  const auto base = manifest_path.parent_path();
  std::vector<ManifestEntry> entries;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    const std::string where = "Manifest line " + std::to_string(line_number);
    if (tab == std::string::npos) {
      throw Error(error_code::kInvalidArgument, where + " has no TAB between the audio path and the transcript.");
    }
    ManifestEntry entry;
    entry.audio_path = line.substr(0, tab);
    entry.transcript = line.substr(tab + 1);
    if (entry.audio_path.empty() || entry.transcript.find_first_not_of(" \t") == std::string::npos) {
      throw Error(error_code::kInvalidArgument, where + " has an empty audio path or transcript.");
    }
    if (entry.audio_path.is_relative()) entry.audio_path = base / entry.audio_path;
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) throw Error(error_code::kInvalidArgument, "The manifest lists no recordings.");
  return entries;
}

std::vector<TrainingUtterance> load_training_utterances(const std::vector<ManifestEntry>& entries) {
  std::vector<TrainingUtterance> out;
  out.reserve(entries.size());
  for (const auto& entry : entries) {
    TrainingUtterance utt;
    utt.id = entry.audio_path.stem().string();
    utt.transcript = entry.transcript;
    try {
      utt.audio = audio::decode_audio_file(entry.audio_path).audio;
    } catch (const Error& e) {
      utt.load_error = e.what();
    }
    out.push_back(std::move(utt));
  }
  return out;
}

}  // namespace echoes::voice
