#pragma once
// A compact per-recording voice fingerprint, to notice when one recording of a set
// sounds like a different voice, microphone or setup than the others.
//
// Identity lives mostly in the spectral envelope and the F0 level (toolchain notes), so
// the signature is the mean and spread of MFCC c1..c12 over voiced frames plus the
// median F0. c0 (level) is left out: loudness differences are judged separately.
#include <array>

#include "audio/audio.h"
#include "audio/mfcc.h"
#include "audio/pitch.h"

namespace echoes::quality {

inline constexpr int kSignatureCoefficients = 12;  ///< c1..c12

struct VoiceSignatureOptions {
  audio::MfccOptions mfcc;     ///< 25 ms window, 10 ms hop (same axis as the pitch track)
  audio::PitchOptions pitch;   ///< voiced frames and F0
};

struct VoiceSignature {
  std::array<double, kSignatureCoefficients> mfcc_mean{};   ///< mean of c1..c12 over voiced frames
  std::array<double, kSignatureCoefficients> mfcc_stdev{};  ///< their standard deviations
  double f0_median_hz = 0.0;  ///< median F0 of voiced frames, Hz
  int voiced_frames = 0;      ///< frames the statistics come from (0 = no signature)
};

/// Computes the signature of mono `audio`. Audio without voiced frames gives
/// voiced_frames = 0. Throws echoes::Error(invalid_argument) for inconsistent options.
VoiceSignature compute_voice_signature(const audio::Audio& audio,
                                       const VoiceSignatureOptions& options = {});

/// Dissimilarity of two signatures, >= 0 (0 = identical):
///   sqrt( mean_k (mean_a,k - mean_b,k)^2 / pooled variance_k  +  (F0 difference / 3 st)^2 )
/// i.e. the RMS per-coefficient difference in units of the within-recording spread,
/// combined with the F0 level difference in units of 3 semitones (an emotional passage may raise F0 a little). Returns 0 when either
/// signature is empty.
double voice_distance(const VoiceSignature& a, const VoiceSignature& b);

}  // namespace echoes::quality
