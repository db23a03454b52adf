#include "quality/voice_signature.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "quality/percentile.h"

namespace echoes::quality {
namespace {

constexpr double kF0ScaleSemitones = 3.0;  // an F0 shift this large counts like one spread unit

}  // namespace

VoiceSignature compute_voice_signature(const audio::Audio& audio,
                                       const VoiceSignatureOptions& options) {
  VoiceSignature sig;
  if (audio.empty()) return sig;
  audio::MfccOptions mfcc_options = options.mfcc;
  mfcc_options.coefficients = std::max(mfcc_options.coefficients, kSignatureCoefficients + 1);
  audio::PitchOptions pitch_options = options.pitch;
  pitch_options.hop_s = mfcc_options.hop_s;  // one time axis for both
  const audio::MfccMatrix mfcc = audio::compute_mfcc(audio, mfcc_options);
  const audio::PitchTrack pitch = audio::track_pitch(audio, pitch_options);

  std::array<double, kSignatureCoefficients> sum{}, sum_sq{};
  std::vector<float> f0;
  const std::size_t frames = std::min(mfcc.frames, pitch.f0_hz.size());
  for (std::size_t i = 0; i < frames; ++i) {
    if (pitch.f0_hz[i] <= 0) continue;
    f0.push_back(pitch.f0_hz[i]);
    for (int k = 0; k < kSignatureCoefficients; ++k) {
      const double c = mfcc.at(i, k + 1);
      sum[k] += c;
      sum_sq[k] += c * c;
    }
  }
  sig.voiced_frames = static_cast<int>(f0.size());
  if (f0.empty()) return sig;
  const double n = static_cast<double>(f0.size());
  for (int k = 0; k < kSignatureCoefficients; ++k) {
    sig.mfcc_mean[k] = sum[k] / n;
    sig.mfcc_stdev[k] = std::sqrt(std::max(0.0, sum_sq[k] / n - sig.mfcc_mean[k] * sig.mfcc_mean[k]));
  }
  sig.f0_median_hz = percentile(f0, 0.5);
  return sig;
}

double voice_distance(const VoiceSignature& a, const VoiceSignature& b) {
  if (a.voiced_frames == 0 || b.voiced_frames == 0) return 0.0;
  double spectral = 0.0;
  for (int k = 0; k < kSignatureCoefficients; ++k) {
    const double pooled_var =
        std::max(1e-6, 0.5 * (a.mfcc_stdev[k] * a.mfcc_stdev[k] + b.mfcc_stdev[k] * b.mfcc_stdev[k]));
    const double d = a.mfcc_mean[k] - b.mfcc_mean[k];
    spectral += d * d / pooled_var;
  }
  spectral /= kSignatureCoefficients;
  double f0_term = 0.0;
  if (a.f0_median_hz > 0 && b.f0_median_hz > 0) {
    f0_term = 12.0 * std::log2(a.f0_median_hz / b.f0_median_hz) / kF0ScaleSemitones;
  }
  return std::sqrt(spectral + f0_term * f0_term);
}

}  // namespace echoes::quality
