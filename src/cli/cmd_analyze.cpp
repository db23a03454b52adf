// `echoes analyze FILE...`: the recording-quality analysis of each file, as a table or JSON.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "audio/decode.h"
#include "cli/commands.h"
#include "common/error.h"
#include "quality/analysis.h"
#include "quality/analysis_json.h"

namespace echoes::cli {
namespace {

void print_table_header() {
  std::printf("%-32s %7s %7s %7s %7s %7s %7s %7s %8s %5s\n", "file", "dur_s", "speech", "peak",
              "rms", "lufs", "noise", "snr_db", "clip_%", "score");
}

void print_table_row(const std::string& name, const quality::RecordingAnalysis& a) {
  std::printf("%-32.32s %7.2f %7.2f %7.1f %7.1f %7.1f %7.1f %7.1f %8.3f %5d\n", name.c_str(), a.duration_s,
              a.speech_duration_s, a.peak_dbfs, a.rms_dbfs, a.loudness_lufs, a.noise_floor_dbfs, a.snr_db,
              a.clipped_fraction * 100.0, a.quality_score);
  for (const auto& issue : a.issues) {
    std::printf("    [%s] %s %s\n", issue.severity.c_str(), issue.message.c_str(), issue.fix.c_str());
  }
}

}  // namespace

int analyze_command(const AnalyzeArgs& args) {
  int failures = 0;
  nlohmann::json results = nlohmann::json::array();
  if (!args.json) print_table_header();
  for (const auto& file : args.files) {
    try {
      const auto decoded = audio::decode_audio_file(file);
      const auto analysis = quality::analyze_recording(decoded.audio);
      if (args.json) {
        results.push_back({{"file", file.string()}, {"analysis", quality::analysis_to_json(analysis)}});
      } else {
        print_table_row(file.filename().string(), analysis);
      }
    } catch (const Error& e) {
      ++failures;
      if (args.json) {
        results.push_back({{"file", file.string()}, {"error", {{"code", e.code()}, {"message", e.what()}}}});
      } else {
        std::printf("%-32.32s error: %s\n", file.filename().string().c_str(), e.what());
      }
    }
  }
  if (args.json) std::printf("%s\n", results.dump(2).c_str());
  return failures == 0 ? 0 : 1;
}

}  // namespace echoes::cli
