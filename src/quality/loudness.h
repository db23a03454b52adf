#pragma once
// Integrated loudness after ITU-R BS.1770-4 (K-weighting, 400 ms gated blocks).
#include <array>
#include <span>

namespace echoes::quality {

/// One biquad section, a0 normalised to 1: y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2.
struct Biquad {
  double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0;
};

/// The two K-weighting stages (high shelf, then high pass) for `rate_hz`.
/// Derived from the analogue prototype by the bilinear transform, so any rate
/// works; at 48 kHz they equal the coefficient table of BS.1770-4.
std::array<Biquad, 2> k_weighting_filters(double rate_hz);

struct LoudnessOptions {
  double block_s = 0.400;          // gating block length (BS.1770)
  double step_s = 0.100;           // 75 % overlap
  double absolute_gate_lufs = -70.0;
  double relative_gate_lu = -10.0;
  double floor_lufs = -120.0;      // returned when nothing passes the gates
};

/// Integrated loudness of mono `samples` at `rate_hz`, in LUFS (LKFS).
/// A 997 Hz sine at full scale reads -3.01 LUFS. Input shorter than one block is
/// measured as a single block. Returns options.floor_lufs for silence.
double integrated_loudness_lufs(std::span<const float> samples, double rate_hz,
                                const LoudnessOptions& options = {});

}  // namespace echoes::quality
