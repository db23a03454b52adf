#pragma once
// Speech from flite's stock English voices, with the phone timings flite used.
//
// Two users: the evaluation (eval/) compares converted voices against these unconverted
// voices, and the voice build (voice/fill_in.h) speaks carrier words for phones a
// speaker's recordings lack with the deterministic diphone voice kal16.
#include <string>
#include <string_view>
#include <vector>

#include "audio/audio.h"

namespace echoes::text {

/// One phone of the synthesized utterance, as flite placed it.
struct FliteSegment {
  std::string phone;        ///< flite's lowercase name ("ax", "zh"; "pau" for silence)
  double start_s = 0.0;     ///< seconds from the start of the audio
  double end_s = 0.0;       ///< exclusive
  int word_index = -1;      ///< index of its word in the utterance; -1 for pauses
  int stress = 0;           ///< lexical stress of its syllable (0 or 1)
  bool syllable_start = false;  ///< first phone of its syllable
};

struct FliteSpeech {
  audio::Audio audio;                  ///< mono, at the voice's own rate (16 kHz)
  std::vector<FliteSegment> segments;  ///< in time order, pauses included, inside the audio
};

/// Prosody asked of the voice; 0 keeps the voice's own setting.
struct FliteProsody {
  double f0_mean_hz = 0.0;    ///< mean of the F0 contour (kal16's own: 95 Hz), Hz
  double f0_stddev_hz = 0.0;  ///< spread of the F0 contour (kal16's own: 11 Hz), Hz
  double duration_stretch = 0.0;  ///< phone durations x this (kal16's own: 1.1)
};

/// Names of the stock voices available: "kal16" (diphone, deterministic), "slt", "rms",
/// "awb" (clustergen; their output varies slightly from run to run).
const std::vector<std::string>& flite_voice_names();

/// Speaks `text` with the flite voice `voice` (one of flite_voice_names()) and returns the
/// audio with flite's phone segmentation. Serialised by a mutex (flite keeps globals);
/// `prosody` applies to this utterance only (the shared voice is not changed).
/// Throws echoes::Error(invalid_argument) for an unknown voice or text without words.
FliteSpeech flite_speak(std::string_view voice, std::string_view text, const FliteProsody& prosody = {});

}  // namespace echoes::text
