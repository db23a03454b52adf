#pragma once
// Noise power and signal-to-noise ratio of a recording.
//
// SNR here is the product definition: the active speech level (ITU-T P.56 style,
// noise removed, noise_active_level.h) over the mean noise power, both full band.
//
// The noise power is the smaller of two estimates that speech can only inflate:
//  * the per-band noise floors tracked over the whole recording (noise_bands.h),
//    which need no pause at all but read high when speech fills every band of a
//    very short take;
//  * the mean power of the pauses (cells away from speech and near the quietest
//    cells), which reads high when the few pauses of dense read speech carry
//    breaths and word tails.
// When open pauses (far from any speech) hold more than that, the estimate moves toward
// their plain mean (noise_open_pause.h). Loud intermittent events that none of these
// sees (noise_events.h) are added on top.
#include <cstdint>
#include <span>
#include <vector>

#include "quality/noise_active_level.h"

namespace echoes::quality {

/// 1 for each cell at least `guard` cells away from every flagged cell, else 0.
std::vector<std::uint8_t> cells_away_from(std::span<const std::uint8_t> flags, int guard);

/// How many cells are not voiced: the time in which sudden noise can be heard (the
/// events and bursts found there stand for the voiced time too; noise_events.h).
std::size_t unvoiced_cell_count(std::span<const std::uint8_t> voiced);

struct NoiseOptions {
  double guard_s = 0.03;          // non-speech cells this close to speech hold breath and decay
  double min_pause_s = 0.03;      // less pause than this: the pause estimate is not used
  // Pause cells louder than the quietest cells (floor_percentile) by more than this are
  // speech the detector missed (a breath, a word's tail), not noise.
  double floor_percentile = 0.02;
  double max_above_floor_db = 10.0;
  double floor_power = 1e-12;     // -120 dBFS: digital silence
  ActiveLevelOptions active_level;
};

struct NoiseEstimate {
  double noise_power = 0.0;       // mean square (1.0 = 0 dBFS)
  double speech_power = 0.0;      // active speech power, noise removed (0 without speech)
  double band_floor_power = 0.0;  // the per-band estimate (input)
  double pause_power = 0.0;       // the pause estimate, 0 when there was too little pause
  double event_power = 0.0;       // loud noise events' share, included in noise_power
};

/// Estimates noise and active speech power from the hop cells' full-band mean squares
/// (`cell_powers`, cells `hop_s` long), the speech flags of the same cells and
/// `band_floor_power`, the sum of the per-band noise floors (band_noise_floors).
/// Without speech the whole recording is noise: its mean power is the noise power.
NoiseEstimate estimate_noise(std::span<const double> cell_powers,
                             std::span<const std::uint8_t> speech, double hop_s,
                             double band_floor_power, const NoiseOptions& options = {});

/// `estimate` with its noise power replaced by `noise_power` (mean square; e.g. from
/// blend_open_pause) and the active speech power of `cell_powers` (cells `hop_s` long)
/// recomputed with that noise removed.
NoiseEstimate with_noise_power(NoiseEstimate estimate, std::span<const double> cell_powers, double hop_s,
                               double noise_power, const NoiseOptions& options = {});

/// `estimate` with `event_power` (mean square over the whole recording, from
/// find_noise_events) added to its noise power, and the active speech power of
/// `cell_powers` (cells `hop_s` long) recomputed with that noise removed.
NoiseEstimate with_noise_events(NoiseEstimate estimate, std::span<const double> cell_powers,
                                double hop_s, double event_power, const NoiseOptions& options = {});

}  // namespace echoes::quality
