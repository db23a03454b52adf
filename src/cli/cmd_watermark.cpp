// `echoes watermark detect FILE...`: blind watermark detection, as a table or JSON.
#include "cli/cmd_watermark.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "audio/decode.h"
#include "common/error.h"
#include "watermark/detect.h"
#include "watermark/detection_json.h"

namespace echoes::cli {
namespace {

watermark::WatermarkOptions options_from_env() {
  watermark::WatermarkOptions options;
  if (const char* key = std::getenv("ECHOES_WATERMARK_KEY"); key != nullptr && *key != '\0') {
    options.key = key;
  }
  return options;
}

void print_row(const std::string& name, const watermark::Detection& d) {
  char tag[16] = "-";
  if (d.tag_valid) std::snprintf(tag, sizeof tag, "%06x", static_cast<unsigned>(d.tag));
  std::printf("%-32.32s %-9s %-8s %7.2f %10.1e\n", name.c_str(), d.found ? "echoes" : "none", tag,
              d.z_score, d.false_alarm_bound);
}

}  // namespace

int watermark_detect_command(const std::vector<std::filesystem::path>& files, bool json) {
  const watermark::WatermarkOptions options = options_from_env();
  int found = 0;
  int errors = 0;
  nlohmann::json results = nlohmann::json::array();
  if (!json) std::printf("%-32s %-9s %-8s %7s %10s\n", "file", "watermark", "tag", "z", "p_false");
  for (const auto& file : files) {
    try {
      const auto decoded = audio::decode_audio_file(file);
      const watermark::Detection d = watermark::detect_watermark(decoded.audio, options);
      found += d.found;
      if (json) {
        results.push_back({{"file", file.string()}, {"watermark", watermark::detection_to_json(d)}});
      } else {
        print_row(file.filename().string(), d);
      }
    } catch (const Error& e) {
      ++errors;
      if (json) {
        results.push_back({{"file", file.string()}, {"error", {{"code", e.code()}, {"message", e.what()}}}});
      } else {
        std::fprintf(stderr, "%s: error: %s\n", file.filename().string().c_str(), e.what());
      }
    }
  }
  if (json) std::printf("%s\n", results.dump(2).c_str());
  if (errors > 0) return 2;
  return found > 0 ? 0 : 1;
}

}  // namespace echoes::cli
