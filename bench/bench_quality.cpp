// Speed of the whole recording-quality analysis on real read speech.
#include <cstdio>
#include <filesystem>
#include <vector>

#include "audio/decode.h"
#include "bench.h"
#include "quality/analysis.h"
#include "support/test_data.h"

ECHOES_BENCH("quality analysis") {
  namespace fs = std::filesystem;
  const fs::path dir = echoes::testing::speech_dir() / "kathleen" / "audio";
  if (!fs::exists(dir)) {
    std::printf("quality analysis: skipped, no speech data at %s\n", dir.string().c_str());
    return;
  }
  std::vector<echoes::audio::Audio> clips;
  double audio_s = 0.0;
  for (int i = 1; i <= 593; i += 6) {  // 99 prompts
    char name[32];
    std::snprintf(name, sizeof name, "arctic_a%04d.flac", i);
    clips.push_back(echoes::audio::decode_audio_file(dir / name).audio);
    audio_s += clips.back().duration_s();
  }
  int checksum = 0;
  const double start = echoes::bench::now_s();
  for (int round = 0; round < 3; ++round) {
    for (const auto& clip : clips) checksum += echoes::quality::analyze_recording(clip).quality_score;
  }
  const double elapsed = echoes::bench::now_s() - start;
  echoes::bench::report("x real time (one core, 22050 Hz Kathleen)", 3 * audio_s / elapsed, "x");
  echoes::bench::report("ms per second of audio", 1000.0 * elapsed / (3 * audio_s), "ms");
  echoes::bench::report("mean quality score", checksum / (3.0 * clips.size()), "points");
}
