#include "synth/synthesizer.h"

#include <algorithm>
#include <string>

#include "common/error.h"
#include "synth/level.h"
#include "text/flite_front_end.h"
#include "text/sentences.h"

namespace echoes::synth {
namespace {

const text::FliteFrontEnd& front_end() {
  static const text::FliteFrontEnd instance;
  return instance;
}

void check_options(const SynthesisOptions& options) {
  if (!(options.speed >= 0.5 && options.speed <= 2.0)) {
    throw Error(error_code::kInvalidArgument, "The speaking speed must be between 0.5 and 2.");
  }
}

}  // namespace

Quality parse_quality(std::string_view name) {
  if (name == "draft") return Quality::draft;
  if (name == "standard") return Quality::standard;
  if (name == "high") return Quality::high;
  throw Error(error_code::kInvalidArgument, "The quality must be draft, standard or high.");
}

int candidates_for(Quality quality) {
  switch (quality) {
    case Quality::draft: return 10;
    case Quality::high: return 120;
    case Quality::standard: break;
  }
  return 40;
}

audio::Audio synthesize_utterance(const voice::VoiceModel& voice, const text::Utterance& utterance,
                                  const SynthesisOptions& options) {
  std::vector<Target> targets = make_targets(utterance, voice.prosody);
  apply_phone_backoff(targets, voice);
  const bool any_speech = std::any_of(targets.begin(), targets.end(), [](const Target& t) { return !t.is_pause(); });
  if (!any_speech) return audio::Audio{{}, voice.rate_hz};
  double planned_s = 0.0;
  for (const Target& t : targets) planned_s += t.duration_s / options.speed;
  if (planned_s > options.max_audio_s) {
    throw Error(error_code::kTooLong, "The text would take too long to speak; split it into smaller pieces.");
  }
  SelectionOptions selection;
  selection.candidates = candidates_for(options.quality);
  const auto choices = select_units(voice, targets, selection);
  RenderOptions render_options;
  render_options.speed = options.speed;
  return render(voice, targets, choices, render_options);
}

void synthesize_stream(const voice::VoiceModel& voice, std::string_view text, const SynthesisOptions& options,
                       const ChunkCallback& on_chunk) {
  check_options(options);
  if (voice.units.empty()) throw Error(error_code::kInvalidArgument, "The voice has no recorded speech.");
  const auto& fe = front_end();
  // The front end enforces its byte cap on the whole text, not per sentence.
  if (text.size() > text::FliteOptions{}.max_text_bytes) {
    throw Error(error_code::kTooLong, "The text is too long to speak at once; split it into smaller pieces.");
  }
  LevelOptions level;
  level.speech_level_dbfs = voice.prosody.speech_level_dbfs;
  double total_s = 0.0;
  bool spoke = false;
  for (const std::string& sentence : text::split_sentences(text)) {
    const text::Utterance utterance = fe.analyze(sentence);
    SynthesisOptions remaining = options;  // the audio cap counts over all sentences
    remaining.max_audio_s = options.max_audio_s - total_s;
    audio::Audio chunk = synthesize_utterance(voice, utterance, remaining);
    if (chunk.samples.empty()) continue;
    total_s += chunk.duration_s();
    if (total_s > options.max_audio_s) {
      throw Error(error_code::kTooLong, "The text would take too long to speak; split it into smaller pieces.");
    }
    normalize_speech_level(chunk.samples, chunk.rate_hz, level);
    spoke = true;
    if (!on_chunk(chunk)) return;
  }
  if (!spoke) throw Error(error_code::kInvalidArgument, "The text has nothing that can be spoken.");
}

audio::Audio synthesize(const voice::VoiceModel& voice, std::string_view text, const SynthesisOptions& options) {
  audio::Audio out{{}, voice.rate_hz};
  synthesize_stream(voice, text, options, [&out](const audio::Audio& chunk) {
    out.samples.insert(out.samples.end(), chunk.samples.begin(), chunk.samples.end());
    return true;
  });
  return out;
}

}  // namespace echoes::synth
