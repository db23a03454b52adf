#pragma once
// Step 1b of synthesis: F0 targets. Every phrase (the speech between two pauses) gets a
// contour from the speaker's intonation model (ProsodyModel, fitted by voice/intonation_fit.h):
// a base that declines through the phrase, a lift on the first vowel and on stressed vowels,
// and an ending chosen by how the phrase ends (text::PhraseEnd): statements and wh-questions
// fall to the speaker's sentence-final level, a comma ends at the speaker's continuation
// level, and a yes/no question rises from its last stressed vowel to the end (recordings
// rarely contain questions, so that rise is a rule scaled by the speaker's F0 spread).
#include <vector>

#include "synth/targets.h"
#include "voice/voice_model.h"

namespace echoes::synth {

struct IntonationOptions {
  /// A yes/no question ends this many standard deviations of the speaker's log F0 above
  /// the speaker's mean, kept within [min_question_rise, max_question_rise] (log F0).
  double question_rise_sd = 1.5;
  double min_question_rise = 0.12;
  double max_question_rise = 0.30;
  double exclamation_lift = 0.05;  ///< extra log F0 over a whole exclaimed phrase
};

/// Sets log_f0 and log_f0_rise of every speech target in `targets` (pauses keep 0). Vowels
/// get the model's value at their middle; consonants are interpolated in time between the
/// neighbouring vowels of their phrase. Uses each target's duration_s, stress, phrase_end.
void apply_intonation(std::vector<Target>& targets, const voice::ProsodyModel& prosody,
                      const IntonationOptions& options = {});

}  // namespace echoes::synth
