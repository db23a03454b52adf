#pragma once
// Per-frame evidence for voice activity detection: speech-band level and
// periodicity (normalised autocorrelation) with its F0.
#include <span>
#include <vector>

namespace echoes::quality {

struct FrameFeatureOptions {
  int analysis_rate_hz = 8000;    // speech evidence lives below 4 kHz; keeps the FFTs small
  double frame_s = 0.040;         // two periods of a 50 Hz voice
  double hop_s = 0.010;
  double level_low_hz = 100.0;    // speech band for the frame level
  double level_high_hz = 3800.0;
  double periodicity_low_hz = 60.0;     // band the autocorrelation sees: voiced energy,
  double periodicity_high_hz = 2000.0;  // not the hiss above it
  double f0_search_min_hz = 55.0;
  // Searched above the speech range so that a cat's 800 Hz miaow is found at
  // 800 Hz rather than at a sub-multiple that would look like a voice.
  double f0_search_max_hz = 1000.0;
  // Prefer the shortest lag whose peak is within this ratio of the best one
  // (guards against reporting half the true F0).
  double octave_preference = 0.9;
};

/// Frame i describes the hop cell [i*hop_s, (i+1)*hop_s) of the recording: samples
/// [round(i*hop_s*rate_hz), round((i+1)*hop_s*rate_hz)).
struct FrameFeatures {
  double hop_s = 0.010;
  std::vector<double> cell_power;  // full-band mean square of the cell, DC removed (1.0 = 0 dBFS)
  std::vector<float> full_level_db;  // the same in dB: catches fricatives above the speech band
  std::vector<float> level_db;     // speech-band (100-3800 Hz) power of the 40 ms frame, dB
  std::vector<float> periodicity;  // 0..1, peak of the normalised autocorrelation
  std::vector<float> f0_hz;        // frequency of that peak (0 when none)
};

/// Number of hop cells a recording of `sample_count` samples at `rate_hz` has.
std::size_t hop_cell_count(std::size_t sample_count, int rate_hz, double hop_s);

/// Mean square of each hop cell of `samples` after removing `dc`.
std::vector<double> hop_cell_powers(std::span<const float> samples, int rate_hz, double hop_s,
                                    double dc);

/// Computes the features of mono `samples` at `rate_hz` (any rate >= 8 kHz works;
/// lower rates are analysed as they are). One frame per hop cell. The DC offset
/// (mean sample value) is removed first.
FrameFeatures compute_frame_features(std::span<const float> samples, int rate_hz,
                                     const FrameFeatureOptions& options = {});

}  // namespace echoes::quality
