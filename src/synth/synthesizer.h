#pragma once
// Text -> speech in a built voice. The pipeline, step by step (docs/voice-engine.md):
//
//   text ──split_sentences──> sentences ──FliteFrontEnd::analyze──> text::Utterance
//        ──make_targets + apply_phone_backoff (targets.h)──> std::vector<Target>
//        ──select_units (unit_selection.h)──> std::vector<UnitChoice>
//        ──render (render.h, TD-PSOLA)──> audio ──normalize_speech_level (level.h)──> audio
//
// Output: 22,050 Hz mono float audio (the voice's rate), speech at the voice's level.
#include <functional>
#include <string_view>

#include "audio/audio.h"
#include "synth/render.h"
#include "synth/targets.h"
#include "synth/unit_selection.h"
#include "text/phone.h"
#include "voice/voice_model.h"

namespace echoes::synth {

/// Speed/quality trade-off: how many candidate units per slot the search considers.
enum class Quality { draft, standard, high };

struct SynthesisOptions {
  Quality quality = Quality::standard;
  double speed = 1.0;            ///< speaking speed, 0.5 .. 2.0
  /// Text whose predicted speech exceeds this many seconds is refused with too_long (checked
  /// sentence by sentence before rendering, so hostile input costs little).
  double max_audio_s = 600.0;
};

/// Parses "draft" | "standard" | "high". Throws echoes::Error(invalid_argument) otherwise.
Quality parse_quality(std::string_view name);

/// Candidates per slot for a quality level (draft 10, standard 40, high 120).
int candidates_for(Quality quality);

/// Called with each synthesized sentence; return false to stop.
using ChunkCallback = std::function<bool(const audio::Audio& chunk)>;

/// The whole pipeline for one analysed utterance (no level normalisation). Returns empty
/// audio for an utterance without speech phones. Throws echoes::Error(too_long) when the
/// targets add up to more than options.max_audio_s.
audio::Audio synthesize_utterance(const voice::VoiceModel& voice, const text::Utterance& utterance,
                                  const SynthesisOptions& options);

/// Speaks `text` sentence by sentence, calling `on_chunk` with each sentence's audio (level
/// normalised) until it returns false. Sentences with nothing speakable are skipped.
/// Throws echoes::Error with code invalid_argument (speed outside 0.5..2, or no speakable
/// text at all), too_long (text over the front end's cap, or more than max_audio_s of audio).
void synthesize_stream(const voice::VoiceModel& voice, std::string_view text, const SynthesisOptions& options,
                       const ChunkCallback& on_chunk);

/// Speaks `text` and returns all of it as one signal (the chunks of synthesize_stream
/// joined). Same errors as synthesize_stream.
audio::Audio synthesize(const voice::VoiceModel& voice, std::string_view text, const SynthesisOptions& options = {});

}  // namespace echoes::synth
