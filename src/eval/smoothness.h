#pragma once
// How continuous and periodic speech sounds, measured the same way on real recordings and on
// synthesized clips (docs/voice-quality.md, "Smoothness"):
// - voicing continuity: the mean length of runs of voiced frames;
// - periodicity: the median normalised-autocorrelation peak over speech frames;
// - spectral jumps: adjacent speech frames whose MFCC envelopes differ by more than a fixed
//   distance, per second of speech;
// - F0 jumps: adjacent voiced frames whose F0 differs by more than a fixed interval, per
//   second of voiced speech.
// Concatenation roughness shows in all four: a join that breaks the glottal rhythm lowers the
// autocorrelation peak and can end a voiced run; a join between unlike spectra or pitches is
// a jump. Real speech has jumps too (a stop's release), so a clip is judged against the same
// speaker's real speech, never against zero.
#include <cstddef>
#include <vector>

#include "audio/audio.h"

namespace echoes::eval {

struct SmoothnessOptions {
  int analysis_rate_hz = 16000;  ///< clips are resampled here first (same band for every source)
  double frame_s = 0.040;        ///< autocorrelation window, seconds (two periods at 50 Hz)
  double hop_s = 0.010;          ///< frame step, seconds
  double min_f0_hz = 60.0;       ///< lag range of the autocorrelation search, Hz
  double max_f0_hz = 400.0;
  /// Speech frames: RMS within this many dB of the clip's 95th-percentile frame.
  double speech_range_db = 30.0;
  /// A speech frame is voiced when its normalised-autocorrelation peak reaches this
  /// (Praat's default voicing threshold is 0.45).
  double voicing_threshold = 0.45;
  /// A spectral jump: Euclidean distance of MFCC c1..c12 (25 ms window) between adjacent
  /// speech frames above this (natural-log units; docs/voice-quality.md gives its choice).
  double spectral_jump_distance = 12.0;
  /// An F0 jump: adjacent voiced frames more than this apart, semitones.
  double f0_jump_semitones = 3.0;
};

struct Smoothness {
  double speech_s = 0.0;             ///< time in speech frames, seconds
  double voiced_s = 0.0;             ///< time in voiced speech frames, seconds
  std::size_t voiced_runs = 0;       ///< runs of consecutive voiced frames
  double mean_voiced_run_s = 0.0;    ///< voiced_s / voiced_runs (0 when none)
  double median_periodicity = 0.0;   ///< median normalised-autocorrelation peak of speech frames, 0..1
  std::size_t spectral_jumps = 0;
  std::size_t f0_jumps = 0;
  double spectral_jumps_per_s = 0.0;  ///< per second of speech
  double f0_jumps_per_s = 0.0;        ///< per second of voiced speech
};

/// Per-frame analysis of one clip: whether each frame is speech and voiced, its
/// normalised-autocorrelation peak (0..1) and the F0 at that peak (Hz; 0 when unvoiced).
struct PeriodicityTrack {
  double hop_s = 0.010;
  std::vector<bool> speech;
  std::vector<bool> voiced;
  std::vector<float> peak;
  std::vector<float> f0_hz;
};

/// The frame analysis behind measure_smoothness. Empty audio gives an empty track.
PeriodicityTrack track_periodicity(const audio::Audio& clip, const SmoothnessOptions& options = {});

/// The four measures of one clip (any rate). A clip without speech frames gives zeros.
Smoothness measure_smoothness(const audio::Audio& clip, const SmoothnessOptions& options = {});

/// The measures pooled over clips: runs, jumps and seconds summed, the periodicity median
/// taken over all speech frames together.
Smoothness measure_smoothness(const std::vector<audio::Audio>& clips, const SmoothnessOptions& options = {});

}  // namespace echoes::eval
