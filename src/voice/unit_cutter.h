#pragma once
// Cutting one analysed recording into half-phone units and appending it to a voice.
#include <vector>

#include "align/alignment.h"
#include "audio/audio.h"
#include "audio/mfcc.h"
#include "audio/pitch.h"
#include "voice/phone_labels.h"
#include "voice/pitch_marks.h"
#include "voice/voice_model.h"

namespace echoes::voice {

/// A recording ready to be cut: trimmed, level-normalised audio at the voice's rate with its
/// alignment (times relative to `audio`), lexical labels, F0 track, MFCCs and pitch marks.
struct AnalysedRecording {
  audio::Audio audio;
  std::vector<align::AlignedPhone> phones;  ///< silences included
  std::vector<PhoneLabel> labels;           ///< one per phone
  audio::PitchTrack pitch;
  audio::MfccMatrix mfcc;                   ///< at least kJoinMfccDims + 1 coefficients
  PitchMarks marks;
  /// Per phone: non-zero when it may become units (empty = every phone). Phones of words
  /// that did not sound like the text in a partly used recording are left out.
  std::vector<char> usable;
};

/// Appends the recording's samples (as 16-bit), pitch marks and two units per speech phone
/// (left and right half; context, stress, position flags, duration, F0 and unscaled join
/// features [c1..c12, c0, log F0]) to `voice`.
/// When `unit_phones` is given, the index into recording.phones of each appended unit's
/// phone is appended to it (one entry per unit, in order).
void append_recording(VoiceModel& voice, const AnalysedRecording& recording,
                      std::vector<std::uint32_t>* unit_phones = nullptr);

/// Divides the MFCC and energy join features of every unit by their standard deviation over
/// the voice, so each dimension weighs the same in the join cost.
void scale_join_features(VoiceModel& voice);

}  // namespace echoes::voice
