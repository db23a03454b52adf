#pragma once
// Loud broadband noise events (a bang, a dish clank) between or beside the words,
// counted into the noise power.
//
// Why: the noise floor (noise_bands.h) and the pauses (noise.h) measure the steady
// part of the noise. A room that is quiet apart from a few loud events has a mean
// noise power set by those events, and they often land inside the detector's speech
// segments (a short pause it bridged, a word's tail it grew into), where neither
// estimate looks. Such a cell is
//  * not voiced (no periodicity in the voice range), and
//  * louder than the recording's loud vowels: unvoiced speech (/s/, /f/, bursts,
//    breaths) is weaker than the vowels around it in the full band, and
//  * broadband: its 2-6 kHz excess is neither far below its 150-1500 Hz excess (an
//    aperiodic, creaky vowel) nor far above it (a hot sibilant).
// Events on top of voiced speech are not found: there the vowel's own high band and a
// voiced fricative's cannot be told from a bang's (docs/quality-analysis.md). But the
// noise is independent of the speech, so the events found are a sample of the unvoiced
// time, and their power is averaged over the unvoiced cells (not over all cells): the
// voiced time hid as much again in proportion (a Horvitz-Thompson estimate of the mean).
#include <cstdint>
#include <span>
#include <vector>

#include "quality/noise_bands.h"

namespace echoes::quality {

struct NoiseEventOptions {
  double min_above_noise_db = 10.0;  // an event cell is at least this far above the noise power
  // The loud vowels: this quantile of the voiced cells' power; an event is louder by at least
  // min_above_speech_db (on the 713 clean corpus files no broadband unvoiced cell is; at
  // 0 dB one file lost 6.5 dB of SNR).
  double speech_quantile = 0.9;
  double min_above_speech_db = 3.0;
  // Spectral balance = low-band excess over high-band excess (dB); excess = band power above
  // floor_margin times the band's noise floor, so a steady noise does not tilt it.
  double low_band_min_hz = 150.0;
  double low_band_max_hz = 1500.0;
  double high_band_min_hz = 2100.0;
  double high_band_max_hz = 6000.0;
  double floor_margin = 2.0;
  double min_balance_db = -15.0;  // below: sibilant-like
  double max_balance_db = 5.0;    // above: vowel-like
};

struct NoiseEvents {
  double power = 0.0;  // the events' power above the noise, averaged over the unvoiced cells
  int cells = 0;       // how many hop cells were taken as events
};

/// Finds event cells in a recording. Inputs, one value per hop cell (the shortest
/// span sets the count): `cell_powers`, full-band mean squares (1.0 = 0 dBFS); `voiced`,
/// the detector's speech-evidence flags (VadResult::voiced); `bands`, the band powers of
/// the same cells, with `band_floors` their noise floors (band_noise_floors); and
/// `noise_power`, the steady noise estimate (mean square). Returns the events' excess
/// power over `noise_power` summed over event cells and divided by the number of
/// unvoiced cells (skipped ones included), i.e. what they add to the recording's mean
/// noise power; 0 when there are no voiced cells to compare with. Cells flagged in
/// `skip` (when given) are never events (e.g. open pauses, whose power is counted
/// elsewhere, over the same unvoiced cells).
NoiseEvents find_noise_events(std::span<const double> cell_powers, std::span<const std::uint8_t> voiced,
                              const BandPowers& bands, std::span<const double> band_floors,
                              double noise_power, const NoiseEventOptions& options = {},
                              std::span<const std::uint8_t> skip = {});

}  // namespace echoes::quality
