#pragma once
// Learning how to move one voice's spectral envelope toward another's (here: flite's kal16
// diphone voice toward the speaker of a voice being built), from speech of the same phones.
//
// Method: mean log envelopes per phone over the middle of each phone, for both voices.
// A vocal-tract-length factor (frequency warp) is chosen by grid search so that, after
// warping the source's envelopes, what differs between the voices is as nearly the same for
// every vowel as possible (phone-specific formant positions line up); that common
// difference, smoothed over frequency, becomes a gain curve per phone class (vowels,
// nasals, fricatives... differ in how the two voices' sources and tracts differ).
// Above the source's band (kal16 stops at 8 kHz) the target's average shape, relative to
// the band just below, is kept per class so the mapping can extend the band with noise.
// Applied with audio::apply_envelope_mapping.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "audio/spectral_envelope.h"
#include "voice/phones.h"

namespace echoes::voice {

struct SpectralMappingOptions {
  audio::EnvelopeOptions envelope;  ///< frame length and envelope smoothing
  double phone_core = 0.5;          ///< fraction of each phone (its middle) that frames come from
  double frame_step_s = 0.015;      ///< step between frames inside a phone, seconds
  int max_frames_per_phone = 80;    ///< frames kept per phone (bounds the build time)
  int min_frames_per_phone = 4;     ///< phones with fewer frames on either side are not compared
  double min_warp = 0.85;           ///< frequency-warp search range (source -> target)
  double max_warp = 1.35;
  double warp_step = 0.01;
  double low_hz = 150.0;            ///< band the warp search compares, Hz
  double high_hz = 7000.0;
  double gain_smoothing_hz = 400.0; ///< width of the moving average over each gain curve, Hz
  double max_gain_db = 18.0;        ///< gain curves are clamped to +-this, dB
  /// The source (kal16, 16 kHz) has nothing above 8 kHz: from here up the mapping adds noise
  /// shaped like the target's band relative to [reference_low_hz, extend_from_hz) (0 = off), Hz.
  double extend_from_hz = 7800.0;
  double reference_low_hz = 6000.0;
};

/// Gain curve index of a phone: its PhoneClass (vowel, stop, nasal, ...; pauses 0).
std::size_t mapping_curve(PhoneId phone);
inline constexpr std::size_t kMappingCurves = kPhoneClassCount;

/// Mean natural-log amplitude envelopes per phone (audio::EnvelopeAnalyzer) of one voice.
class PhoneEnvelopes {
 public:
  explicit PhoneEnvelopes(const SpectralMappingOptions& options = {});

  /// Adds frames centred in the middle `phone_core` of the phone [start_s, end_s) of
  /// `samples` (mono, `rate_hz`), until the phone has max_frames_per_phone frames.
  void add_phone(std::span<const float> samples, int rate_hz, PhoneId phone, double start_s, double end_s);
  /// True when `phone` needs no more frames.
  bool full(PhoneId phone) const { return count_[phone] >= options_.max_frames_per_phone; }
  int frames(PhoneId phone) const { return count_[phone]; }
  /// Mean envelope of `phone` (fft_size / 2 + 1 bins), empty when it has no frame.
  std::vector<float> mean(PhoneId phone) const;

 private:
  SpectralMappingOptions options_;
  audio::EnvelopeAnalyzer analyzer_;
  std::array<std::vector<double>, kPhoneCount> sum_;
  std::array<int, kPhoneCount> count_{};
  std::vector<float> frame_;
};

/// The mapping found and how well it fits.
struct SpectralMapping {
  audio::EnvelopeMapping envelope;  ///< warp and kMappingCurves gain curves (natural log)
  int phones_compared = 0;          ///< vowels present in both voices
  /// RMS over vowels and bins of the phone-specific envelope difference, dB: with no warp
  /// and with the chosen one (smaller = the warp lines the formants up).
  double residual_unwarped_db = 0.0;
  double residual_db = 0.0;
};

/// Estimates the mapping from `source` to `target` envelopes (both at `rate_hz`). With no
/// vowel in common the identity (warp 1, no gain) is returned, phones_compared = 0.
SpectralMapping estimate_spectral_mapping(const PhoneEnvelopes& source, const PhoneEnvelopes& target, int rate_hz,
                                          const SpectralMappingOptions& options = {});

}  // namespace echoes::voice
