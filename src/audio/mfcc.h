#pragma once
// Mel-frequency cepstral coefficients (MFCC), the spectral-envelope features used for speaker
// consistency checks and speaker identification.
//
// Per frame: pre-emphasis, Hamming window, power spectrum (FFTW), triangular filters spaced
// evenly on the HTK mel scale (mel = 2595 log10(1 + f / 700)), natural log of each band's
// energy, orthonormal DCT-II. Coefficient 0 (c0) is kept: it tracks the frame's log energy.
#include <cstddef>
#include <span>
#include <vector>

#include "audio/audio.h"

namespace echoes::audio {

struct MfccOptions {
  double window_s = 0.025;     ///< analysis window length, seconds
  double hop_s = 0.010;        ///< frame step, seconds
  int mel_bands = 40;          ///< number of triangular mel filters
  int coefficients = 20;       ///< cepstral coefficients kept, c0 included (<= mel_bands)
  double low_hz = 20.0;        ///< lower edge of the first filter, Hz
  double high_hz = 0.0;        ///< upper edge of the last filter, Hz; 0 = Nyquist
  double preemphasis = 0.97;   ///< y[n] = x[n] - a x[n-1]; 0 disables
  double energy_floor = 1e-10; ///< band energies are floored here before the log
};

/// MFCC frames as a row-major matrix: values[frame * coefficients + k] is c_k of frame.
/// Frame i is centred at time i * hop_s (zero padding at the ends), so non-empty audio gives
/// floor(duration_s / hop_s) + 1 frames, the same time axis as PitchTrack.
/// Units: c_k of natural-log band energies of the unnormalised power spectrum of samples in
/// full-scale units (so doubling the amplitude adds ln(4) * sqrt(mel_bands) to c0 and leaves
/// c1.. unchanged).
struct MfccMatrix {
  double hop_s = 0.010;
  std::size_t frames = 0;
  std::size_t coefficients = 0;
  std::vector<float> values;

  /// The coefficients of frame i (i < frames).
  std::span<const float> frame(std::size_t i) const {
    return std::span<const float>(values).subspan(i * coefficients, coefficients);
  }
  float at(std::size_t frame_index, std::size_t k) const {
    return values[frame_index * coefficients + k];
  }
};

/// Computes MFCCs of mono `audio`. Returns an empty matrix (frames = 0) for empty audio.
/// Throws echoes::Error(invalid_argument) for inconsistent options (non-positive window or
/// hop, coefficients outside 1..mel_bands, a band edge outside 0..Nyquist, low >= high) or
/// a non-positive rate.
MfccMatrix compute_mfcc(const Audio& audio, const MfccOptions& options = {});

}  // namespace echoes::audio
