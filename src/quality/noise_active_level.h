#pragma once
// Active speech level of a noisy recording, after ITU-T P.56 (method B), computed
// on hop-cell powers with the noise power subtracted.
//
// Why: the SNR's speech part should be the standard active speech level, not the
// mean over whatever the voice detector marked; in strong noise the detector
// keeps only the louder syllables and the mean over them reads high.
#include <span>

namespace echoes::quality {

struct ActiveLevelOptions {
  double time_constant_s = 0.03;  // P.56 envelope smoothing (two one-pole stages)
  double hangover_s = 0.2;        // P.56 hangover
  double margin_db = 15.9;        // P.56: activity threshold this far below the active level
  // The P.56 envelope is the smoothed |x|; here it comes from power, so it is scaled
  // by the mean-absolute to RMS ratio of a Gaussian signal, sqrt(2/pi).
  double envelope_scale = 0.7979;
};

/// Active speech power (mean square over the active time, 1.0 = 0 dBFS) of the
/// recording whose hop cells (`hop_s` long) have mean squares `cell_powers`, with
/// `noise_power` removed from each. Total speech energy is the sum over all cells of
/// (cell power - noise power); the active time is that of the P.56 threshold.
/// Returns 0 when no speech energy remains.
double active_speech_power(std::span<const double> cell_powers, double noise_power, double hop_s,
                           const ActiveLevelOptions& options = {});

}  // namespace echoes::quality
