#pragma once
// Training manifests: one recording per line, `<audio path>\t<transcript>`.
#include <filesystem>
#include <string>
#include <vector>

#include "audio/audio.h"

namespace echoes::voice {

/// One recording offered for building a voice.
struct TrainingUtterance {
  std::string id;          ///< short name for reports (the file name without extension)
  std::string transcript;  ///< what the recording says
  audio::Audio audio;      ///< mono; any rate >= 8 kHz (resampled to the working rate by the build)
  /// Non-empty when the recording could not be loaded: the build excludes it with this reason.
  std::string load_error;
};

struct ManifestEntry {
  std::filesystem::path audio_path;  ///< relative paths are resolved against the manifest's folder
  std::string transcript;
};

/// Parses a manifest. Blank lines and lines starting with '#' are skipped; a trailing CR is
/// dropped. Throws echoes::Error(not_found) when the file cannot be read and
/// echoes::Error(invalid_argument) for a line without a TAB or with an empty path or
/// transcript (the message names the line number), or a manifest with no entries.
std::vector<ManifestEntry> read_manifest(const std::filesystem::path& manifest_path);

/// Decodes each entry's audio (any format and rate decode_audio_file reads, resampled to
/// 22,050 Hz). A file that fails to decode is kept with load_error set, not thrown.
std::vector<TrainingUtterance> load_training_utterances(const std::vector<ManifestEntry>& entries);

}  // namespace echoes::voice
