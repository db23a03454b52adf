#include "test_data.h"

#include <cstdlib>

namespace echoes::testing {

std::filesystem::path speech_dir() {
  if (const char* env = std::getenv("ECHOES_SPEECH_DIR"); env && *env) return env;
  return std::filesystem::path(ECHOES_SHARED_DIR) / "data" / "speech";
}

bool speech_data_available() {
  const auto root = speech_dir();
  return std::filesystem::exists(root / "kathleen" / "transcripts.tsv") &&
         std::filesystem::exists(root / "speechocean" / "speakers.tsv") &&
         std::filesystem::exists(root / "noise");
}

bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

std::filesystem::path pocketsphinx_testdata_dir() {
  return "/usr/share/pocketsphinx/test/data";
}

std::filesystem::path echoes_binary() {
  return std::filesystem::path(ECHOES_BINARY_DIR) / "src" / "echoes";
}

}  // namespace echoes::testing
