#pragma once
// Noise measured directly in the open pauses: the plain mean power of the cells well
// away from any speech, with no level cap, blended into the noise estimate.
//
// Why: the per-band floors (noise_bands.h) and the capped pause mean (noise.h) measure
// the steady part of the noise and are blind, by design, to whatever rises above it.
// For a noise made of many small events (a cat, dishes, a clicking keyboard) that is
// most of its power: on the cat clip alone the floors read 5.7 dB under its mean.
// The noise is independent of the speech, so the mean measured in pauses is also its
// expected mean under the words; it only needs pauses that hold no speech at all and
// enough of them. Hence:
//  * "open" cells are at least guard_s from every voiced frame (short voiced sounds
//    that never became a nucleus) and from the speech of the detector's nuclei regrown
//    (grow_speech in vad.h) so that growth steps over stop closures (a word-final "-ps"
//    the normal segments leave out) but reaches only max_growth_s into loud frames (not
//    the normal 1 s, which in loud clatter swallows the noise after a word);
//  * the open mean is used only when it is higher than the steady estimate, and then
//    with weight n / (n + prior_s / hop_s) for n open cells: one second of open pause
//    counts as much as the steady estimate, a few cells move it little;
//  * a rare loud burst in the open pauses (a cell more than burst_above_median_db over
//    their median, e.g. a bang) is not extrapolated from the pauses alone: the mean
//    takes such a cell at the burst level, and what it has above that is averaged over
//    the recording's unvoiced cells. Why: a few such cells can hold most of a noise's
//    power (on the cat clip 1 % of the time holds 58 %), so whether they fall in a pause
//    is chance; spread from the pauses over the whole take, a bang that happened to
//    land in one read a 44 s passage 65 dB low. Counted once over the whole take it
//    misses the bursts the words hid. A loud burst could have been heard in any
//    unvoiced cell (the event finder, noise_events.h, looks there), and noise is
//    independent of the speech, so the bursts heard are a sample of the unvoiced time
//    and the voiced time holds as much again in proportion.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace echoes::quality {

struct OpenPauseOptions {
  double closure_s = 0.08;    // the mask's regrown segments bridge gaps this short...
  double max_growth_s = 0.30; // ...and grows a syllable at most this far into loud frames
  double guard_s = 0.10;      // open cells are this far from speech and voiced frames
  double min_total_s = 0.30;  // less open pause than this: not used
  double prior_s = 1.0;       // open pause that weighs as much as the steady estimate
  double burst_above_median_db = 20.0;  // an open cell this far over the open median is a burst
};

struct OpenPauseNoise {
  double mean_power = 0.0;   // mean square of the open cells, bursts capped (1.0 = 0 dBFS); 0 when unused
  std::size_t cells = 0;     // how many open cells were averaged
  double burst_power = 0.0;  // the bursts' power above the cap, averaged over the unvoiced cells
  std::vector<std::uint8_t> is_open;  // per cell: 1 for an open cell (empty when unused)
};

/// Mean power of the open cells. Inputs, one value per hop cell (`hop_s` long; the
/// shortest span sets the count): `cell_powers`, full-band mean squares; `speech`, the
/// speech flags of the nuclei regrown with VadOptions::max_closure_s = closure_s and
/// max_extension_s = max_growth_s (grow_speech); `voiced`, the per-frame voice evidence (VadResult::voiced).
/// Returns mean_power 0, burst_power 0 and no is_open flags when the open cells add up to
/// less than min_total_s.
OpenPauseNoise open_pause_noise(std::span<const double> cell_powers, std::span<const std::uint8_t> speech,
                                std::span<const std::uint8_t> voiced, double hop_s,
                                const OpenPauseOptions& options = {});

/// The recording's noise power (mean square) given the open pauses: `steady_power` moved
/// toward `open.mean_power` with the weight cells / (cells + prior_s / hop_s) when the
/// open mean is the higher (unchanged otherwise), plus `open.burst_power`.
double blend_open_pause(double steady_power, const OpenPauseNoise& open, double hop_s,
                        const OpenPauseOptions& options = {});

}  // namespace echoes::quality
