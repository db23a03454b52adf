#pragma once
// How far a synthesized utterance is from a real one of the same text:
// - mel-cepstral distortion (MCD) after DTW alignment, in dB;
// - F0 statistics (median, range in semitones, voiced fraction) and their differences.
//
// MCD here is computed from MFCCs (40 mel bands up to 7.6 kHz at 16 kHz, natural-log band
// power, orthonormal DCT), not from SPTK mel-cepstra. With c the MFCC vector,
//   MCD_dB = (10 / ln 10) * sqrt(sum_{k=1..K} (c_k - c'_k)^2 / bands) / 2,
// which by Parseval is (10/ln10) times the RMS difference of the natural-log *amplitude*
// mel spectra (level removed, smoothed to K cepstra): the same quantity the usual
// mcep-based MCD = (10/ln10) sqrt(2 sum (c_k - c'_k)^2) measures on its own frequency
// warping. Expect similar magnitudes, not identical values. c0 (level) is excluded and
// silence before and after speech is trimmed, so level and padding do not count.
#include <cstddef>
#include <vector>

#include "audio/audio.h"
#include "audio/pitch.h"

namespace echoes::eval {

struct SpectralDistanceOptions {
  int analysis_rate_hz = 16000;  ///< both clips are resampled here first, Hz
  int mel_bands = 40;
  int cepstra = 25;              ///< c0..c24 computed; c1..c24 compared
  double high_hz = 7600.0;       ///< upper filter edge, Hz
  /// Leading/trailing frames quieter than this below the loudest (95th percentile) frame
  /// are trimmed before alignment, dB.
  double trim_range_db = 35.0;
};

struct SpectralDistance {
  double mcd_db = 0.0;             ///< mean distortion along the DTW path, dB
  std::size_t path_frames = 0;     ///< length of the DTW path
  double duration_ratio = 0.0;     ///< trimmed test duration / trimmed reference duration
};

/// MCD between `reference` and `test` (mono, any rates) after DTW alignment.
/// Throws echoes::Error(no_speech) when either clip has no speech frames after trimming.
SpectralDistance mel_cepstral_distortion(const audio::Audio& reference, const audio::Audio& test,
                                         const SpectralDistanceOptions& options = {});

struct F0Statistics {
  double median_hz = 0.0;      ///< median F0 of voiced frames, Hz (0 = none voiced)
  double range_st = 0.0;       ///< 90th minus 10th percentile of voiced F0, semitones
  double voiced_fraction = 0.0;  ///< voiced frames / all frames, 0..1
  std::size_t voiced_frames = 0;
};

/// F0 statistics of `audio` (pitch tracked with audio::track_pitch and `options`).
F0Statistics f0_statistics(const audio::Audio& audio, const audio::PitchOptions& options = {});

/// F0 statistics pooled over several clips (all voiced frames together).
F0Statistics f0_statistics(const std::vector<audio::Audio>& clips, const audio::PitchOptions& options = {});

struct F0Comparison {
  bool comparable = false;            ///< both clips have voiced frames; else all fields 0
  double median_difference_st = 0.0;  ///< 12 log2(test median / reference median), semitones
  double range_difference_st = 0.0;   ///< test range - reference range, semitones
  double voiced_fraction_difference = 0.0;  ///< test - reference
};

/// Differences of `test` from `reference` (comparable = false when either has no voiced frame).
F0Comparison compare_f0(const F0Statistics& reference, const F0Statistics& test);

}  // namespace echoes::eval
