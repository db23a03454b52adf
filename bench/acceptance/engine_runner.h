#pragma once
// Drives the Echoes voice engine through its command-line contract:
//   echoes voice build --manifest M.tsv --out VOICE_DIR   (M.tsv: "<wav path>\t<transcript>")
//   echoes say --voice VOICE_DIR --texts T.tsv --out-dir DIR  (T.tsv: "<id>\t<text>"; writes DIR/<id>.wav)
// Used by the acceptance experiment, which must judge the engine as a user would run it.
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "audio/audio.h"

namespace echoes::eval {

struct EngineRun {
  bool built = false;                        ///< `voice build` exited 0
  double build_wall_s = 0.0;
  double say_wall_s = 0.0;
  std::map<std::string, audio::Audio> clips;  ///< id -> synthesized audio (missing ids absent)
  std::string failure;                       ///< first failure, plain language ("" if none)
};

/// True when `binary` exists and its help lists the "voice" and "say" commands.
bool engine_supports_voices(const std::filesystem::path& binary);

/// Builds a voice from `recordings` (audio + transcript; written as 16-bit WAVs under
/// work_dir) and synthesizes `texts` (id, text) with it. Logs go to work_dir/*.log.
/// Never throws for engine failures: they are reported in EngineRun::failure.
EngineRun run_engine(const std::filesystem::path& binary, const std::filesystem::path& work_dir,
                     const std::vector<std::pair<audio::Audio, std::string>>& recordings,
                     const std::vector<std::pair<std::string, std::string>>& texts);

}  // namespace echoes::eval
