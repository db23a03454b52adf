// Forced alignment speed on real read speech (Kathleen, 22,050 Hz FLAC decoded as in
// production), in x real time (audio seconds per wall second, one thread).
// One align() call = resample to 16 kHz + phone-level forced alignment + free phone loop.
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "align/aligner.h"
#include "audio/decode.h"
#include "bench.h"
#include "support/test_data.h"

namespace {

using namespace echoes;

constexpr int kUtterances = 50;

std::vector<std::pair<audio::Audio, std::string>> load_kathleen(int count) {
  const auto dir = echoes::testing::speech_dir() / "kathleen";
  std::ifstream tsv(dir / "transcripts.tsv");
  std::vector<std::pair<audio::Audio, std::string>> out;
  std::string line;
  while (static_cast<int>(out.size()) < count && std::getline(tsv, line)) {
    const auto tab = line.find('\t');
    const std::string id = line.substr(0, tab);
    out.emplace_back(audio::decode_audio_file(dir / "audio" / (id + ".flac")).audio, line.substr(tab + 1));
  }
  return out;
}

}  // namespace

ECHOES_BENCH("align") {
  if (!echoes::testing::speech_data_available()) {
    std::printf("align: shared speech data missing, skipped\n");
    return;
  }
  const auto utterances = load_kathleen(kUtterances);

  double t0 = bench::now_s();
  align::ForcedAligner aligner;
  bench::report("model load", (bench::now_s() - t0) * 1000.0, "ms");

  double audio_s = 0.0;
  int matched = 0;
  t0 = bench::now_s();
  for (const auto& [audio, text] : utterances) {
    const align::Alignment a = aligner.align(audio, text);
    audio_s += audio.duration_s();
    matched += a.matches ? 1 : 0;
  }
  const double wall_s = bench::now_s() - t0;
  bench::report("forced alignment", audio_s / wall_s, "x real time");
  bench::report("per utterance (mean " + std::to_string(audio_s / utterances.size()).substr(0, 4) + " s)",
                wall_s / utterances.size() * 1000.0, "ms");
  bench::report("own transcripts judged matching", 100.0 * matched / utterances.size(), "%");
}
