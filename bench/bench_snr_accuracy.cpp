// Accuracy of the measured SNR on real speech mixed with the real noise clips
// (tests/support/noise_mixing.h): the test grid and a held-out grid, per noise; and
// the SNR of every clean corpus recording (no noise added).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "audio/decode.h"
#include "bench.h"
#include "quality/analysis.h"
#include "support/noise_mixing.h"
#include "support/test_data.h"

namespace {

namespace fs = std::filesystem;
using echoes::testing::ErrorStats;

bool warns_of_sudden_noise(const echoes::quality::RecordingAnalysis& a) {
  return std::any_of(a.issues.begin(), a.issues.end(), [](const auto& i) { return i.code == "sudden_noise"; });
}

void report_grid(const echoes::testing::SnrGrid& grid) {
  std::map<std::string, ErrorStats> by_noise;
  std::map<std::string, int> sudden;  // mixes warned of sudden noise, per noise
  int missed = 0;
  echoes::testing::for_each_snr_mix(grid, [&](const echoes::testing::SnrMix& mix) {
    const auto a = echoes::quality::analyze_recording(mix.audio);
    if (!a.speech_found) {
      ++missed;
      return;
    }
    by_noise[mix.noise_name].errors.push_back(a.snr_db - mix.snr_db);
    sudden[mix.noise_name] += warns_of_sudden_noise(a);
  });
  std::printf("snr accuracy, %s grid (%zu takes), speech missed in %d mixes:\n", grid.name.c_str(),
              grid.takes.size(), missed);
  for (const auto& [noise, stats] : by_noise) {
    std::printf("  %s  sudden_noise %d\n", stats.summary(noise).c_str(), sudden[noise]);
    echoes::bench::report(grid.name + " " + noise + " within 3 dB", 100.0 * stats.fraction_within(3.0), "%");
  }
}

void report_clean_corpus() {
  const fs::path root = echoes::testing::speech_dir();
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const fs::path& p = e.path();
    if (p.extension() == ".flac" && p.parent_path().filename() == "audio") files.push_back(p);
  }
  std::vector<double> snr;
  int low = 0, sudden = 0;
  for (const fs::path& f : files) {
    const auto a = echoes::quality::analyze_recording(echoes::audio::decode_audio_file(f).audio);
    snr.push_back(a.snr_db);
    low += a.snr_db < echoes::quality::AnalysisOptions{}.min_snr_db;
    sudden += warns_of_sudden_noise(a);
  }
  if (snr.empty()) return;
  std::sort(snr.begin(), snr.end());
  auto at = [&](double q) { return snr[static_cast<std::size_t>(q * (snr.size() - 1))]; };
  std::printf("clean corpus: %zu recordings, SNR min %.1f, 1st %.1f, 5th %.1f, 10th %.1f, median %.1f dB; %d under 25 dB; "
              "%d warned of sudden noise\n",
              snr.size(), snr.front(), at(0.01), at(0.05), at(0.10), at(0.5), low, sudden);
  echoes::bench::report("clean corpus SNR 5th percentile", at(0.05), "dB");
  echoes::bench::report("clean corpus recordings under 25 dB", low, "files");
  echoes::bench::report("clean corpus recordings warned of sudden noise", sudden, "files");
}

}  // namespace

ECHOES_BENCH("snr accuracy") {
  if (!echoes::testing::speech_data_available()) {
    std::printf("snr accuracy: skipped, no speech data at %s\n", echoes::testing::speech_dir().string().c_str());
    return;
  }
  report_grid(echoes::testing::snr_test_grid());
  report_grid(echoes::testing::snr_held_out_grid());
  report_grid(echoes::testing::snr_passage_test_grid());
  report_grid(echoes::testing::snr_passage_held_out_grid());
  report_clean_corpus();
}
