#pragma once
// Noise floor and signal-to-noise ratio from the speech/non-speech split.
//
// SNR here is the product definition: mean power of the speech-active part
// (noise power subtracted) over the mean power of the noise, both full band.
// The noise power is the mean (not a low percentile) over non-speech cells, so
// intermittent noise (a clatter, a miaow) counts with the energy it really has.
#include <cstdint>
#include <span>
#include <vector>

namespace echoes::quality {

struct NoiseOptions {
  double guard_s = 0.03;          // non-speech cells this close to speech hold breath and decay
  double min_noise_s = 0.03;      // less noise than this: fall back to the percentile below
  double fallback_percentile = 0.02;
  // Pause cells louder than the quietest cells (floor_percentile) by more than this are
  // speech the detector missed (a breath, a word's tail), not noise.
  double floor_percentile = 0.02;
  double max_above_floor_db = 10.0;
  double floor_power = 1e-12;     // -120 dBFS: digital silence
};

struct NoiseEstimate {
  double noise_power = 0.0;       // mean square (full scale sine-free: 1.0 = 0 dBFS)
  double speech_power = 0.0;      // mean square of speech-active cells minus noise_power
  double noise_s = 0.0;           // duration the noise estimate is based on
  bool from_pauses = false;       // false: too little non-speech, percentile fallback used
};

/// Estimates noise and speech power. `speech` flags the speech cells (same length
/// as `cell_powers`); when it has no speech the whole recording is noise.
NoiseEstimate estimate_noise(std::span<const double> cell_powers,
                             std::span<const std::uint8_t> speech, double hop_s,
                             const NoiseOptions& options = {});

}  // namespace echoes::quality
