#pragma once
// One function per sub-command; app.cpp wires them into CLI11.
#include <filesystem>
#include <map>
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

/// Runs the HTTP server until SIGINT/SIGTERM. Returns the process exit status.
int serve_command(const ServeArgs& args);

/// Analyses each file and prints a table (or JSON). Returns 0 when every file
/// could be analysed, 1 when any failed to decode.
int analyze_command(const AnalyzeArgs& args);

}  // namespace echoes::cli
