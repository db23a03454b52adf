#pragma once
// Voice activity detection that tells speech from noise, tones and music-like sounds.
//
// Energy alone cannot do it (a fan, a tap or a chord is as loud as a voice), so a
// frame is speech evidence only when it is both above the recording's noise level
// and periodic with an F0 in the human range. Runs of such frames are syllable
// nuclei; a recording has speech only when there is enough nucleus time and its F0
// moves (a tone or a held chord is periodic but flat). Speech segments are the
// nuclei grown into the surrounding consonants and merged across short pauses.
#include <cstdint>
#include <string>
#include <vector>

#include "quality/vad_features.h"

namespace echoes::quality {

struct VadOptions {
  double noise_percentile = 0.02;    // frame level taken as the noise reference
  double voiced_margin_db = 6.0;     // a nucleus frame is at least this far above it
  double active_margin_db = 6.0;     // consonants: frames this far above it join a segment
  double min_level_dbfs = -70.0;     // nothing quieter than this is speech
  double min_periodicity = 0.60;     // normalised autocorrelation peak for "voiced"
  // Human voice range. The floor is above the features' 55 Hz search limit: a rumble or
  // thump (a door, a knock, handling noise) is a near-sinusoid that locks on at 55-67 Hz,
  // while an adult's modal voice stays above ~70 Hz (lower is creak, which is aperiodic).
  double f0_min_hz = 70.0;
  double f0_max_hz = 500.0;
  int bridge_frames = 2;             // voiced runs closer than this are one nucleus
  double min_nucleus_s = 0.04;       // shorter periodic blips are clicks
  // A long periodic run with a flat F0 is a tone or hum, not a voice (connected
  // speech can stay voiced for seconds, but its pitch moves).
  double flat_check_s = 0.5;
  double min_nucleus_f0_range_semitones = 0.5;
  double max_f0_jump_octaves = 0.15; // frame-to-frame F0 step of a real voice...
  double min_smooth_fraction = 0.6;  // ...in at least this fraction of a nucleus
  double max_extension_s = 1.00;     // how far a nucleus grows into active frames
  // Growth steps over quiet gaps this short, e.g. 0.08 s: a stop's closure before the
  // burst and frication of a word's end ("li-ps"). 0: growth stops at the first gap.
  double max_closure_s = 0.0;
  double merge_gap_s = 0.25;         // pauses shorter than this stay inside a segment
  // Recording-level evidence.
  double min_voiced_s = 0.30;        // total nucleus time
  int min_nuclei = 1;                // (a phrase is often one long voiced run)
  double min_f0_range_semitones = 1.0;  // 10th..90th percentile of F0 over nuclei
};

struct SpeechSegment {
  double start_s = 0.0;
  double end_s = 0.0;
};

/// Frames [begin, end) of the detector's frame features.
struct FrameRun {
  int begin = 0;  // first frame
  int end = 0;    // one past the last frame
};

struct VadResult {
  double hop_s = 0.010;
  std::vector<std::uint8_t> speech;  // one flag per hop cell
  // Speech evidence per frame: above the noise reference, periodic, F0 in the voice range.
  std::vector<std::uint8_t> voiced;
  std::vector<SpeechSegment> segments;
  bool speech_found = false;
  double voiced_s = 0.0;             // total duration of accepted nuclei
  std::vector<FrameRun> nuclei;      // the accepted syllable nuclei (voiced, gliding runs)
  double f0_range_semitones = 0.0;
  double noise_level_db = 0.0;       // the frame-level noise reference used (speech band)
  double full_noise_level_db = 0.0;  // the same for the full band (set when speech is found)
  std::string reason;                // why no speech was found (empty when found)
};

/// Runs the detector on precomputed features (see compute_frame_features).
VadResult detect_speech(const FrameFeatures& features, const VadOptions& options = {});

/// Speech flags (one per frame) of `result`'s nuclei grown and merged again with the
/// growth settings of `options` (max_extension_s, max_closure_s, active_margin_db,
/// merge_gap_s), without running the detector again; all 0 when no speech was found.
/// `features` and `result` must come from one detect_speech call.
std::vector<std::uint8_t> grow_speech(const FrameFeatures& features, const VadResult& result,
                                      const VadOptions& options);

}  // namespace echoes::quality
