#pragma once
// Quality self-assessment of a built voice: hold out a few real recordings, build the voice
// from the rest, synthesize the held-out texts and compare with the real audio.
//
// Parts (each 0-100; formulas in docs/voice-quality.md):
//  similarity  - GMM-UBM speaker identification (speaker_id.h). Per synthesized clip, its
//                margin m = LLR(target) - max LLR(any other enrolled voice); m_real is the mean
//                margin of the real held-out clips. clip score = clamp(0.5 + 0.5 m / m_ref)
//                with m_ref = max(m_real, min_reference_margin): 100 = as clearly the speaker
//                as their own real audio, 50 = a tie with the best impostor, 0 = clearly
//                someone else.
//  clarity     - pocketsphinx WER of the synthesized clips vs the real clips of the same
//                texts: 100 * clamp(1 - max(0, WER_synth - WER_real) / wer_excess_for_zero).
//  naturalness - 0.6 * MCD part + 0.4 * F0 part. MCD part: linear from 1 at mcd_best_db to
//                0 at mcd_worst_db (mean MCD over pairs, DTW-aligned). F0 part (speech above
//                -45 dBFS): product of
//                clamp(1 - |median difference| / f0_median_tolerance_st) and
//                clamp(1 - |range difference| / f0_range_tolerance_st), pooled over clips.
//  quality_score = weighted mean (defaults 0.4 similarity, 0.3 clarity, 0.3 naturalness).
#include <string>
#include <vector>

#include "audio/audio.h"
#include "eval/recognizer.h"
#include "eval/spectral_distance.h"
#include "eval/speaker_id.h"

namespace echoes::eval {

/// A held-out text with its real recording and the voice's synthesis of it.
struct HeldOutClip {
  std::string text;
  audio::Audio real;
  audio::Audio synthesized;
};

struct SelfAssessmentOptions {
  SpeakerIdOptions speaker_id;  ///< used when the assessment trains its own model
  /// Impostor voices enrolled next to the target when the assessment trains its own model:
  /// flite stock voices speaking background_texts (flite_voices.h).
  std::vector<std::string> background_voices{"kal16", "slt", "rms", "awb"};
  /// Texts the impostor voices speak; empty = a built-in set of 12 sentences.
  std::vector<std::string> background_texts;
  double min_reference_margin = 0.05;    ///< floor of m_ref, nats per frame
  double wer_excess_for_zero = 0.5;      ///< WER excess (absolute) that gives clarity 0
  /// MCD anchors (this MFCC-based MCD, see spectral_distance.h). Measured on Kathleen's
  /// held-out prompts: the same recording resampled +2 semitones 2.4 dB, flite's stock
  /// voices 4.1-4.3 dB; so 2.5 dB scores 1 and 4.5 dB (another voice) scores 0.
  double mcd_best_db = 2.5;
  double mcd_worst_db = 4.5;
  /// F0 tracking for the F0 statistics. Frames below -45 dBFS are left out so that mains
  /// hum or noise in pauses is not taken for voicing (it doubled the F0 range of 8002).
  audio::PitchOptions pitch = [] {
    audio::PitchOptions p;
    p.min_level_dbfs = -45.0;
    return p;
  }();
  double f0_median_tolerance_st = 4.0;   ///< median F0 difference that scores 0, semitones
  double f0_range_tolerance_st = 6.0;    ///< F0 range difference that scores 0, semitones
  double similarity_weight = 0.4;
  double clarity_weight = 0.3;
  double naturalness_weight = 0.3;
};

/// The score and the measurements behind it.
struct QualityAssessment {
  double similarity = 0.0;     ///< 0-100
  double clarity = 0.0;        ///< 0-100
  double naturalness = 0.0;    ///< 0-100
  double quality_score = 0.0;  ///< 0-100
  std::size_t clips = 0;       ///< held-out pairs assessed
  double identified_fraction = 0.0;  ///< synthesized clips whose best-scoring speaker is the target
  double synthesized_margin = 0.0;   ///< mean LLR margin of synthesized clips, nats/frame
  double real_margin = 0.0;          ///< mean LLR margin of real held-out clips, nats/frame
  WordErrors real_errors;            ///< pooled over the real clips
  WordErrors synthesized_errors;     ///< pooled over the synthesized clips
  double mcd_db = 0.0;               ///< mean MCD over pairs, dB
  F0Statistics real_f0, synthesized_f0;  ///< pooled over clips
  F0Comparison f0;                   ///< synthesized vs real
};

/// Assesses with a model the caller trained: `target` must be one of identifier.speakers()
/// and at least one other speaker must be enrolled. The real held-out clips must not be in
/// the target's enrollment. Throws echoes::Error(invalid_argument) for an unknown target,
/// a single-speaker model or no clips; no_speech when a clip has no speech.
QualityAssessment assess_voice_quality(const SpeakerIdentifier& identifier, const std::string& target,
                                       const std::vector<HeldOutClip>& held_out, Recognizer& recognizer,
                                       const SelfAssessmentOptions& options = {});

/// Assesses a voice built by one user: enrolls the target on `enrollment` (their recordings
/// that are not held out, e.g. the build set) next to the flite impostor voices of
/// options.background_voices, then calls the overload above.
QualityAssessment assess_voice_quality(const std::vector<audio::Audio>& enrollment,
                                       const std::vector<HeldOutClip>& held_out, Recognizer& recognizer,
                                       const SelfAssessmentOptions& options = {});

/// The built-in background texts (12 plain sentences).
const std::vector<std::string>& default_background_texts();

}  // namespace echoes::eval
