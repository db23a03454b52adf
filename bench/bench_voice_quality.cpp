// Voice-quality evaluation (docs/voice-quality.md).
//  - "eval_speed": how long the evaluation measures take (speaker-ID training and scoring,
//    MCD with DTW, pocketsphinx recognition), on real Kathleen and speechocean audio.
//  - "voice_acceptance": the full acceptance experiment of issue 3 (minutes; runs only when
//    ECHOES_VOICE_ACCEPTANCE=1, as scripts/eval-voices.sh sets). Options from the environment:
//    ECHOES_EVAL_WORK (work folder, default /tmp/echoes-voice-eval), ECHOES_EVAL_ENGINE (the
//    `echoes` binary, default the one of this build), ECHOES_EVAL_NO_ASR=1 (skip pocketsphinx).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "audio/decode.h"
#include "bench.h"
#include "eval/recognizer.h"
#include "eval/spectral_distance.h"
#include "eval/speaker_id.h"
#include "acceptance/voice_experiment.h"
#include "support/test_data.h"

namespace {

using namespace echoes;

std::vector<audio::Audio> load_clips(const std::filesystem::path& folder, std::size_t first, std::size_t count) {
  std::ifstream tsv(folder / "transcripts.tsv");
  std::vector<audio::Audio> out;
  std::string line;
  for (std::size_t i = 0; std::getline(tsv, line) && out.size() < count; ++i) {
    if (i < first) continue;
    out.push_back(audio::decode_audio_file(folder / "audio" / (line.substr(0, line.find('\t')) + ".flac")).audio);
  }
  return out;
}

double total_s(const std::vector<audio::Audio>& clips) {
  double s = 0.0;
  for (const auto& c : clips) s += c.duration_s();
  return s;
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

void report_identification(const eval::VoiceExperimentResult& r) {
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_source;
  for (const auto& i : r.identification) {
    by_source[i.source].first += i.correct;
    by_source[i.source].second += i.clips;
  }
  for (const auto& [source, counts] : by_source) {
    bench::report("identified as own speaker: " + source, 100.0 * counts.first / std::max<std::size_t>(counts.second, 1), "%");
  }
}

}  // namespace

ECHOES_BENCH("eval_speed") {
  if (!echoes::testing::speech_data_available()) {
    std::printf("eval_speed: shared speech data missing, skipped\n");
    return;
  }
  const auto root = echoes::testing::speech_dir();
  std::vector<eval::SpeakerClips> speakers{{"kathleen", load_clips(root / "kathleen", 540, 20)}};
  for (const char* id : {"9600", "9614", "9616", "9649", "8002", "9628"}) {
    speakers.push_back({id, load_clips(root / "speechocean" / id, 14, 6)});
  }
  double enrolled_s = 0.0;
  for (const auto& s : speakers) enrolled_s += total_s(s.clips);
  double t0 = bench::now_s();
  const eval::SpeakerIdentifier id(speakers);
  bench::report("speaker-ID training (" + std::to_string(static_cast<int>(enrolled_s)) + " s enrolled, 7 spk)",
                bench::now_s() - t0, "s");

  const auto test = load_clips(root / "kathleen", 500, 10);
  t0 = bench::now_s();
  for (const auto& clip : test) id.identify(clip);
  bench::report("identification", total_s(test) / (bench::now_s() - t0), "x real time");

  t0 = bench::now_s();
  for (std::size_t i = 0; i + 1 < test.size(); ++i) eval::mel_cepstral_distortion(test[i], test[i + 1]);
  bench::report("MCD with DTW (pairs of ~3 s clips)", (bench::now_s() - t0) / (test.size() - 1) * 1000.0, "ms/pair");

  t0 = bench::now_s();
  eval::Recognizer recognizer;
  bench::report("recognizer load", bench::now_s() - t0, "s");
  t0 = bench::now_s();
  for (std::size_t i = 0; i < 3; ++i) recognizer.recognize(test[i]);
  bench::report("recognition", total_s({test.begin(), test.begin() + 3}) / (bench::now_s() - t0), "x real time");
}

ECHOES_BENCH("voice_acceptance") {
  if (env_or("ECHOES_VOICE_ACCEPTANCE", "") != "1") {
    std::printf("voice_acceptance: skipped (takes minutes; set ECHOES_VOICE_ACCEPTANCE=1 or run scripts/eval-voices.sh)\n");
    return;
  }
  eval::VoiceExperimentOptions o;
  o.speech_dir = echoes::testing::speech_dir();
  o.work_dir = env_or("ECHOES_EVAL_WORK", "/tmp/echoes-voice-eval");
  o.engine_binary = env_or("ECHOES_EVAL_ENGINE", echoes::testing::echoes_binary().string());
  o.recognize = env_or("ECHOES_EVAL_NO_ASR", "") != "1";
  std::filesystem::create_directories(o.work_dir);
  const eval::VoiceExperimentResult r = eval::run_voice_experiment(o, std::cerr);
  const std::string markdown = eval::experiment_markdown(r);
  std::ofstream(o.work_dir / "results.md") << markdown;
  std::printf("\n%s\n", markdown.c_str());
  report_identification(r);
  for (const auto& w : r.wer) bench::report("WER " + w.speaker + " " + w.source, 100.0 * w.errors.rate(), "%");
  for (const auto& a : r.assessments) {
    bench::report("qualityScore " + a.speaker + " (" + a.source + ")", a.assessment.quality_score, "/100");
  }
}
