#pragma once
// Speaker consistency of a consent recording: does it sound like the person's other
// recordings? The consent recording's voice signature is compared with the element-wise
// median signature of the recordings (a median, so one odd take cannot move the reference).
#include <optional>
#include <vector>

#include "quality/voice_signature.h"
#include "store/records.h"

namespace echoes::studio {

/// Largest quality::voice_distance between the consent recording and the median signature of
/// the person's recordings that still counts as the same voice. Same value as the set
/// assessment's min_voice_distance (the distance beyond which one take is flagged as another
/// voice, microphone or room); measured separations are in docs/consent.md.
inline constexpr double kMaxConsentVoiceDistance = 1.0;

/// Element-wise median of the signatures that have voiced frames (mean and spread of each
/// MFCC coefficient, F0 median). nullopt when none has.
std::optional<quality::VoiceSignature> median_voice_signature(const std::vector<quality::VoiceSignature>& signatures);

/// The voice signatures stored with `recordings` at upload time (rows without one are skipped).
std::vector<quality::VoiceSignature> stored_voice_signatures(const std::vector<store::RecordingRecord>& recordings);

/// quality::voice_distance from `consent` to the median signature of `recordings`; nullopt when
/// there is nothing to compare (no recording with a signature, or an empty consent signature).
std::optional<double> distance_to_recordings(const quality::VoiceSignature& consent,
                                             const std::vector<store::RecordingRecord>& recordings);

}  // namespace echoes::studio
