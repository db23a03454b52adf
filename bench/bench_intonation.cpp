// How the intonation's F0 control trades intelligibility and pitch range (docs/voice-engine.md,
// "Render"): Kathleen's voice from 3 minutes speaks 40 held-out prompts (arctic_a0500..a0539)
// with each F0 control; pocketsphinx WER against the prompts and the mean F0 range (5th to
// 95th percentile of voiced frames) per clip, next to her real recordings of the same prompts.
// About three minutes: runs only when ECHOES_INTONATION_BENCH=1.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "audio/decode.h"
#include "bench.h"
#include "eval/recognizer.h"
#include "kathleen_set.h"
#include "support/pitch_range.h"
#include "synth/render.h"
#include "synth/targets.h"
#include "synth/unit_selection.h"
#include "text/flite_front_end.h"
#include "voice/build.h"

namespace {

using namespace echoes;

struct Control {
  const char* name;
  double strength, meaningful_strength;
};

void report_clips(const std::string& label, const std::vector<audio::Audio>& clips,
                  const std::vector<bench::Prompt>& prompts, eval::Recognizer& recognizer) {
  eval::WordErrors errors;
  double range = 0.0;
  for (std::size_t i = 0; i < clips.size(); ++i) {
    errors += recognizer.word_errors(clips[i], prompts[i].text);
    range += echoes::testing::f0_range_semitones(clips[i]);
  }
  bench::report(label + " WER", 100.0 * errors.rate(), "%");
  bench::report(label + " F0 range", range / double(clips.size()), "semitones");
}

}  // namespace

ECHOES_BENCH("intonation") {
  const char* on = std::getenv("ECHOES_INTONATION_BENCH");
  if (!on || std::string(on) != "1" || !echoes::testing::speech_data_available()) {
    std::printf("intonation: skipped (takes minutes; set ECHOES_INTONATION_BENCH=1, needs ../shared)\n");
    return;
  }
  const auto prompts = bench::kathleen_prompts();
  const voice::VoiceModel v = voice::build_voice(bench::kathleen_build_set(prompts, 180.0), {});
  const std::vector<bench::Prompt> held(prompts.begin() + 499, prompts.begin() + 539);
  eval::Recognizer recognizer;
  std::vector<audio::Audio> real;
  const auto dir = echoes::testing::speech_dir() / "kathleen" / "audio";
  for (const auto& p : held) real.push_back(audio::decode_audio_file(dir / (p.id + ".flac")).audio);
  report_clips("real recordings", real, held, recognizer);
  const text::FliteFrontEnd front_end;
  for (const Control& c : {Control{"no F0 control", 0.0, 0.0}, Control{"meaningful movements only (default)", 0.0, 1.0},
                           Control{"intonation 0.5", 0.5, 1.0}, Control{"intonation 1.0", 1.0, 1.0}}) {
    std::vector<audio::Audio> clips;
    for (const auto& p : held) {
      auto targets = synth::make_targets(front_end.analyze(p.text), v.prosody);
      synth::apply_phone_backoff(targets, v);
      synth::RenderOptions options;
      options.intonation_strength = c.strength;
      options.meaningful_intonation_strength = c.meaningful_strength;
      clips.push_back(synth::render(v, targets, synth::select_units(v, targets), options));
    }
    report_clips(c.name, clips, held, recognizer);
  }
}
