#pragma once
// Small shared level helpers: decibel conversions and framewise RMS.
// Generic on purpose so quality/, voice/ and synth/ reuse them instead of re-deriving dB maths.
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "audio/audio.h"

namespace echoes::audio {

/// Lowest level any helper here returns, in dB. Silence maps to this finite value
/// (not -inf) so results stay comparable and serialisable.
inline constexpr double kFloorDb = -200.0;

/// Amplitude ratio (e.g. RMS or peak relative to full scale 1.0) to dB: 20 log10(a).
/// a <= 1e-10 gives kFloorDb.
inline double amplitude_to_db(double amplitude) {
  return amplitude > 1e-10 ? 20.0 * std::log10(amplitude) : kFloorDb;
}

/// Power ratio (e.g. mean square) to dB: 10 log10(p). p <= 1e-20 gives kFloorDb.
inline double power_to_db(double power) {
  return power > 1e-20 ? 10.0 * std::log10(power) : kFloorDb;
}

/// dB to amplitude ratio: 10^(db / 20).
inline double db_to_amplitude(double db) { return std::pow(10.0, db / 20.0); }

/// dB to power ratio: 10^(db / 10).
inline double db_to_power(double db) { return std::pow(10.0, db / 10.0); }

/// Root mean square of `samples` (0 for an empty span), in full-scale units.
double rms(std::span<const float> samples);

/// Largest absolute sample value (0 for an empty span), in full-scale units.
double peak_abs(std::span<const float> samples);

/// Framing of a signal into fixed windows. Frame i covers samples
/// [i * hop_samples, i * hop_samples + frame_samples); only whole frames are produced,
/// except that a signal shorter than one frame yields a single short frame.
struct FrameOptions {
  double frame_s = 0.020;  ///< window length, seconds
  double hop_s = 0.010;    ///< step between frame starts, seconds
};

/// RMS level of each frame in dB relative to full scale (amplitude 1.0 = 0 dBFS, so a
/// full-scale sine reads -3.01 dBFS).
/// Returns an empty vector for empty audio.
/// Throws echoes::Error(invalid_argument) if frame_s or hop_s is not positive.
std::vector<float> frame_rms_dbfs(const Audio& audio, const FrameOptions& options = {});

}  // namespace echoes::audio
