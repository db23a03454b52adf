#pragma once
// Reading the shared corpus in align tests (audio through libsndfile, transcripts.tsv).
#include <filesystem>
#include <string>
#include <vector>

#include "audio/audio.h"

namespace echoes::align::corpus {

/// Loads a sound file as mono float at its own rate (channels averaged).
audio::Audio load_audio(const std::filesystem::path& path);

struct Utterance {
  std::string id;
  std::string text;
  std::filesystem::path audio_path;
};

/// Reads `<dir>/transcripts.tsv` ("id<TAB>text" lines); audio is `<dir>/audio/<id>.flac`.
std::vector<Utterance> read_corpus(const std::filesystem::path& dir);

}  // namespace echoes::align::corpus
