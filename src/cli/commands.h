#pragma once
// One function per sub-command; app.cpp wires them into CLI11.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace echoes::cli {

struct ServeArgs {
  std::filesystem::path config_file;
  std::map<std::string, std::string> flag_values;  // only the flags actually given
};

struct AnalyzeArgs {
  std::vector<std::filesystem::path> files;
  bool json = false;
};

struct VoiceBuildArgs {
  std::filesystem::path manifest;  // lines <audio path>\t<transcript>
  std::filesystem::path out_dir;   // VOICE_DIR: voice.echoes-voice + build-report.json
  std::string name;                // stored in the voice (default: the folder name)
};

struct SayArgs {
  std::filesystem::path voice;       // VOICE_DIR (or the voice file)
  std::optional<std::string> text;   // with out
  std::filesystem::path out;
  std::filesystem::path texts_file;  // lines <id>\t<text>, with out_dir
  std::filesystem::path out_dir;
  std::string quality = "standard";  // draft|standard|high
  double speed = 1.0;
};

/// Runs the HTTP server until SIGINT/SIGTERM. Returns the process exit status.
int serve_command(const ServeArgs& args);

/// Analyses each file and prints a table (or JSON). Returns 0 when every file
/// could be analysed, 1 when any failed to decode.
int analyze_command(const AnalyzeArgs& args);

/// Builds a voice from a manifest into a voice folder, progress on stderr. Returns 0, or
/// throws echoes::Error when no voice can be built.
int voice_build_command(const VoiceBuildArgs& args);

/// Speaks one text into a WAV file, or each line of a texts file into DIR/<id>.wav.
/// Returns 0 when everything was spoken, 1 when any text failed (reported on stderr).
int say_command(const SayArgs& args);

}  // namespace echoes::cli
