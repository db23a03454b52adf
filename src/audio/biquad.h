#pragma once
// Second-order IIR sections (RBJ audio-EQ-cookbook designs) and Butterworth cascades:
// cheap low/high-pass filtering where phase linearity does not matter (pitch prefiltering,
// rumble and DC removal before level measurements).
#include <span>
#include <vector>

namespace echoes::audio {

/// One normalised biquad: y = b0 x + b1 x[-1] + b2 x[-2] - a1 y[-1] - a2 y[-2].
struct Biquad {
  double b0 = 1.0, b1 = 0.0, b2 = 0.0, a1 = 0.0, a2 = 0.0;
};

/// Low-pass section with cutoff `cutoff_hz` (-3 dB for q = 1/sqrt(2)) at `rate_hz`.
/// Throws echoes::Error(invalid_argument) unless 0 < cutoff_hz < rate_hz / 2 and q > 0.
Biquad lowpass_biquad(double cutoff_hz, double rate_hz, double q);

/// High-pass section, same conventions as lowpass_biquad.
Biquad highpass_biquad(double cutoff_hz, double rate_hz, double q);

/// Butterworth low-pass of even `order` (2, 4, 6, ...) as order/2 cascaded sections;
/// -3 dB at cutoff_hz, maximally flat pass band, 6 * order dB/octave roll-off.
/// Throws echoes::Error(invalid_argument) for an odd or non-positive order or a bad cutoff.
std::vector<Biquad> butterworth_lowpass(int order, double cutoff_hz, double rate_hz);

/// Butterworth high-pass, same conventions as butterworth_lowpass.
std::vector<Biquad> butterworth_highpass(int order, double cutoff_hz, double rate_hz);

/// Runs `x` through the cascade in place (transposed direct form II, zero initial state).
void filter_in_place(std::span<float> x, std::span<const Biquad> sections);

}  // namespace echoes::audio
