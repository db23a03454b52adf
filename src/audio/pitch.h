#pragma once
// Fundamental-frequency (F0) tracking for speech: YIN (de Cheveigné & Kawahara 2002) with the
// difference function computed by FFT cross-correlation on a signal decimated to
// PitchOptions::analysis_rate_hz and low-passed, a voicing decision and light smoothing.
#include <cstddef>
#include <vector>

#include "audio/audio.h"

namespace echoes::audio {

struct PitchOptions {
  double hop_s = 0.010;       ///< frame step, seconds (0.005 or 0.010 are typical)
  double min_f0_hz = 50.0;    ///< lowest F0 searched, Hz
  double max_f0_hz = 600.0;   ///< highest F0 searched, Hz
  int analysis_rate_hz = 4000;  ///< the search runs at this rate (the signal is low-passed
                                ///< and resampled); must be at least 4 * max_f0_hz
  /// Cutoff of a 4th-order Butterworth low-pass applied before the search, Hz (0 = off).
  /// Keeping only the lower harmonics makes the difference function robust to periods that
  /// are not a whole number of samples (otherwise broadband voices drop an octave).
  double lowpass_hz = 1000.0;
  /// YIN absolute threshold on the cumulative-mean-normalised difference d'(tau): the first
  /// dip below it is taken, which avoids choosing a multiple of the period.
  double dip_threshold = 0.15;
  /// A frame is voiced when d' at the chosen period is below this (periodicity above
  /// 1 - voicing_threshold).
  double voicing_threshold = 0.30;
  /// Frames whose RMS level is below this are unvoiced without analysis, dBFS.
  double min_level_dbfs = -60.0;
  /// Voiced runs shorter than this become unvoiced (isolated blips are errors), seconds.
  double min_voiced_run_s = 0.030;
  /// Width of the running median applied to F0 inside voiced runs, frames (1 = off).
  int median_frames = 3;
};

/// F0 per frame. Frame i is centred at time i * hop_s (the signal is zero-padded at the
/// ends), so there are floor(duration_s / hop_s) + 1 frames for non-empty audio.
struct PitchTrack {
  double hop_s = 0.010;           ///< frame step, seconds
  std::vector<float> f0_hz;       ///< F0 in Hz; 0 = unvoiced
  std::vector<float> periodicity; ///< 1 - d'(period) in [0, 1]: 1 = perfectly periodic;
                                  ///< 0 for frames below min_level_dbfs
};

/// Tracks F0 over mono `audio` (any rate >= 2 * analysis_rate_hz is best; lower rates are
/// analysed as they are). Returns an empty track for empty audio.
/// Throws echoes::Error(invalid_argument) for inconsistent options (hop <= 0,
/// min_f0_hz >= max_f0_hz, analysis rate too low for max_f0_hz) or a non-positive rate.
PitchTrack track_pitch(const Audio& audio, const PitchOptions& options = {});

/// Fraction of frames that are voiced (0 for an empty track).
double voiced_fraction(const PitchTrack& track);

/// Median F0 of the voiced frames, Hz (0 when no frame is voiced).
double median_voiced_f0_hz(const PitchTrack& track);

}  // namespace echoes::audio
