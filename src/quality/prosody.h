#pragma once
// Prosodic features of one recording: pitch level and movement, voicing, loudness
// dynamics and speech time. Used to judge expressive range across a voice set.
#include <vector>

#include "audio/audio.h"
#include "audio/pitch.h"
#include "quality/vad.h"

namespace echoes::quality {

struct ProsodyOptions {
  audio::PitchOptions pitch;       ///< F0 tracker settings (10 ms hop)
  double level_frame_s = 0.030;    ///< window of the short-term level frames, seconds
  /// Without speech segments, frames within this many dB of the loud (95th-percentile)
  /// frames count as speech.
  double active_range_db = 35.0;
  double low_percentile = 0.05;    ///< F0 range: from this percentile...
  double high_percentile = 0.95;   ///< ...to this one
  double loudness_low_percentile = 0.10;   ///< loudness dynamics: 10th...
  double loudness_high_percentile = 0.90;  ///< ...to 90th percentile of frame levels
};

/// All zero when nothing voiced was found.
struct ProsodyFeatures {
  double f0_median_hz = 0.0;           ///< median F0 of voiced speech frames, Hz
  double f0_range_semitones = 0.0;     ///< 5th..95th percentile of F0, semitones
  double f0_stdev_semitones = 0.0;     ///< standard deviation of F0, semitones
  double voiced_fraction = 0.0;        ///< voiced frames / speech frames, 0..1
  double loudness_range_db = 0.0;      ///< 10th..90th percentile of frame levels over speech, dB
  double speech_duration_s = 0.0;      ///< time counted as speech, seconds
};

/// Measures prosody of mono `audio`. `speech` are the speech segments from the quality
/// analysis (quality/vad.h); when empty, speech frames are found by level (see options).
/// Empty audio gives all-zero features. Throws echoes::Error(invalid_argument) for
/// inconsistent pitch options.
ProsodyFeatures measure_prosody(const audio::Audio& audio,
                                const std::vector<SpeechSegment>& speech = {},
                                const ProsodyOptions& options = {});

/// Speaking rate in syllables per second of speech: `syllables` of the text read (from the
/// text front end, Utterance::syllable_count) over `speech_duration_s`. 0 when either is 0.
double speaking_rate_syllables_per_s(int syllables, double speech_duration_s);

}  // namespace echoes::quality
