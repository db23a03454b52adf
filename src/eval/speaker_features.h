#pragma once
// Frame features for speaker identification: MFCC c1..c19 (c0, the loudness, is dropped),
// plus their deltas, computed on speech frames only, with per-utterance cepstral mean
// normalisation (CMN) of the static coefficients.
//
// Why: identity lives in the spectral envelope (toolchain notes), loudness does not; CMN
// removes a fixed channel/microphone colouring so that a synthesized clip is judged by its
// envelope, not by the vocoder's overall tilt; all audio is analysed at one rate
// (16 kHz by default) so 16 kHz and 22.05 kHz sources cover the same band.
#include "audio/audio.h"
#include "audio/mfcc.h"
#include "eval/feature_matrix.h"

namespace echoes::eval {

struct SpeakerFeatureOptions {
  int analysis_rate_hz = 16000;  ///< audio is resampled to this rate first, Hz
  int mel_bands = 40;            ///< mel filters
  int cepstra = 20;              ///< cepstra computed, c0 included; c0 is dropped
  double low_hz = 60.0;          ///< lowest filter edge, Hz
  double high_hz = 7600.0;       ///< highest filter edge, Hz (<= analysis_rate_hz / 2)
  int delta_half_window = 2;     ///< deltas by regression over +-this many frames (0 = none)
  /// Frames whose mean log band energy lies more than this below the utterance's 95th
  /// percentile are treated as silence and dropped, dB.
  double speech_range_db = 30.0;
  bool mean_normalize = true;    ///< subtract the utterance mean of each static coefficient
};

/// Speaker features of `audio` (mono, any positive rate): one row per kept 10 ms frame,
/// columns c1..c(cepstra-1) then their deltas. Returns an empty matrix for empty or
/// silent audio. Throws echoes::Error(invalid_argument) for inconsistent options.
FeatureMatrix speaker_features(const audio::Audio& audio, const SpeakerFeatureOptions& options = {});

}  // namespace echoes::eval
