// The embedded voice engine (docs/voice-engine.md): building a voice from about 4 minutes of
// Kathleen, synthesis speed, voice load time and memory, one thread.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "bench.h"
#include "kathleen_set.h"
#include "support/test_data.h"
#include "synth/synthesizer.h"
#include "voice/build.h"
#include "voice/fill_in.h"
#include "voice/manifest.h"

namespace {

using namespace echoes;

constexpr double kBuildAudioS = 240.0;

}  // namespace

ECHOES_BENCH("engine") {
  if (!echoes::testing::speech_data_available()) {
    std::printf("engine: shared speech data missing, skipped\n");
    return;
  }
  const auto prompts = bench::kathleen_prompts();
  const auto utterances = bench::kathleen_build_set(prompts, kBuildAudioS);
  double audio_s = 0.0;
  for (const auto& u : utterances) audio_s += u.audio.duration_s();

  double t0 = bench::now_s();
  voice::BuildReport report;
  const voice::VoiceModel built = voice::build_voice(utterances, {}, {}, &report);
  const double build_s = bench::now_s() - t0;
  bench::report("voice build audio", audio_s, "s");
  bench::report("voice build", build_s, "s");
  bench::report("voice build speed", audio_s / build_s, "x real time");
  bench::report("voice build alignment", report.alignment_s, "s");
  bench::report("voice build fill-in (" + std::to_string(report.filled_in_phones.size()) + " phones)", report.fill_in_s, "s");
  {
    // The fill-in's cost when a 4-minute voice lacks phones: learning the mapping plus
    // carriers for four phones (a copy of the voice, so the rest measures the real one).
    std::vector<std::string> transcripts;
    for (const auto& u : utterances) transcripts.push_back(u.transcript);
    voice::VoiceModel copy = built;
    const std::vector<voice::PhoneId> phones = {voice::phone_id("zh"), voice::phone_id("oy"), voice::phone_id("uh"),
                                                voice::phone_id("jh")};
    const double t1 = bench::now_s();
    voice::fill_in_phones(copy, phones, transcripts);
    bench::report("voice fill-in of 4 phones", bench::now_s() - t1, "s");
  }

  const voice::VoiceModel loaded = bench::save_and_time_loading(built, "voice");
  bench::report("voice memory", double(loaded.memory_bytes()) / 1e6, "MB");
  bench::report("voice audio compressed / raw", double(loaded.samples.coded_bytes()) / (2.0 * double(loaded.samples.size())), "");

  // Held-out prompts (after the build set), 20 sentences.
  std::vector<std::string> texts;
  for (std::size_t i = 499; i < prompts.size() && texts.size() < 20; ++i) texts.push_back(prompts[i].text);
  for (const auto quality : {synth::Quality::standard, synth::Quality::draft, synth::Quality::high}) {
    synth::SynthesisOptions options;
    options.quality = quality;
    synth::synthesize(loaded, texts.front(), options);  // warm the front end
    double spoken_s = 0.0;
    t0 = bench::now_s();
    for (const auto& text : texts) spoken_s += synth::synthesize(loaded, text, options).duration_s();
    const double wall_s = bench::now_s() - t0;
    const char* name = quality == synth::Quality::standard ? "synthesis (standard)"
                       : quality == synth::Quality::draft  ? "synthesis (draft)"
                                                           : "synthesis (high)";
    bench::report(name, spoken_s / wall_s, "x real time");
  }
}
