#pragma once
// Real speech mixed with the real noise clips of ../shared/data/speech at known SNR:
// the grids on which the SNR measurement is judged (tests/quality) and reported
// (bench "snr accuracy"). The truth is the ITU-T P.56-style active level of the clean
// file over the mean power of the added noise over the whole file.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "audio/audio.h"

namespace echoes::testing {

/// Active speech power (mean square over the active time) after ITU-T P.56 method B,
/// simplified: envelope of |x| through two 30 ms one-pole smoothers, 200 ms hangover,
/// threshold found where the active level sits 15.9 dB above it. Independent of the
/// analyser's own voice detector.
double p56_active_power(std::span<const float> x, int rate_hz);

/// One clean take: a single corpus recording, or several read one after another as a
/// passage is (Echoes' passages are 40-55 s takes).
struct SpeechTake {
  std::string name;                          // the (first) file's name
  std::vector<std::filesystem::path> files;  // in reading order
};

/// A set of clean takes and how the noise stretch is chosen for each mix.
struct SnrGrid {
  std::string name;
  std::vector<SpeechTake> takes;
  std::size_t offset_step = 292993;  // noise offset of mix k = k * offset_step mod room
};

/// The test grid: 11 Kathleen prompts (every 59th) and files 0 and 7 of each
/// speechocean speaker (23 single-utterance takes, 2-12 s).
SnrGrid snr_test_grid();

/// The held-out grid: 14 other Kathleen prompts (a0030, every 41st) and files 3, 11 and
/// 17 of each speechocean speaker (32 takes), other noise offsets.
SnrGrid snr_held_out_grid();

/// Passage-length takes (at least kPassageMinDuration_s each), as users record them:
/// consecutive Kathleen prompts, or consecutive files of one speechocean speaker, joined
/// by sentence pauses of digital silence (0.3-0.7 s; the added noise fills them).
/// The test grid holds Kathleen passages 0, 2, ..., 10 and passage 0 of each speechocean
/// speaker (12 takes); the held-out grid Kathleen passages 1, 3, ..., 11 and passages 1
/// and 2 of each speaker (18 takes), other noise offsets.
inline constexpr double kPassageMinDuration_s = 40.0;
SnrGrid snr_passage_test_grid();
SnrGrid snr_passage_held_out_grid();

/// The clean audio of a take at the working rate: its files end to end, with the
/// sentence pauses between them.
audio::Audio load_take(const SpeechTake& take);

/// The six noise clips, by file stem.
const std::vector<std::string>& snr_noise_names();

/// True for the noises whose power is steady (not dishes or the cat).
bool noise_is_stationary(const std::string& noise_name);

struct SnrMix {
  std::string speech_name;
  std::string noise_name;
  double snr_db = 0.0;   // the true mixing SNR
  audio::Audio audio;    // clean speech + scaled noise, the speech file's rate
};

/// Calls `visit` for every mix of `grid`: each noise x each speech file x {20, 10, 5} dB.
void for_each_snr_mix(const SnrGrid& grid, const std::function<void(const SnrMix&)>& visit);

/// Errors (measured - true, dB) of one group of mixes.
struct ErrorStats {
  std::vector<double> errors;
  double fraction_within(double limit_db) const;
  double max_abs() const;
  double median() const;
  /// "label n= mean median min max |err|<=3" on one line.
  std::string summary(const std::string& label) const;
};

}  // namespace echoes::testing
