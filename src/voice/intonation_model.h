#pragma once
// The speaker's intonation model (the phrase-level fields of ProsodyModel): the log F0 a
// phone gets from where it sits in its phrase. One definition, used three ways: fitted to
// the recordings' vowels (intonation_fit.h), evaluated for every recorded unit in its
// original place (Unit::context_log_f0_milli, so synthesis can move a unit from its old
// phrase position to a new one and keep its own deviation), and evaluated for every target
// at synthesis (synth/intonation.h).
//
// Per vowel, natural-log F0 relative to the speaker's mean:
//   base + declination x t + start x [first vowel of its phrase] + accent x [stressed]
// where t is the time from the phrase start to the vowel's middle, seconds, and a phrase is
// the speech between two pauses. The last vowel of a statement is `final_log_f0`, the last
// vowel before a pause inside a sentence `continuation_log_f0`. Consonants lie on straight
// lines between the vowels of their phrase.
#include <vector>

#include "voice/voice_model.h"

namespace echoes::voice {

/// Where one phone sits in its phrase.
struct PhoneContext {
  bool speech = false;            ///< a speech phone (false for pauses)
  bool vowel = false;
  int phrase = -1;                ///< phrase number (speech between pauses); -1 for pauses
  double time_in_phrase_s = 0.0;  ///< phrase start to the phone's middle, seconds
  bool stressed = false;          ///< stressed vowel
  bool phrase_initial = false;    ///< first vowel of its phrase
  bool sentence_final = false;    ///< last vowel of a statement (or exclamation, wh-question)
  bool continuation = false;      ///< last vowel before a pause inside a sentence
  bool question_final = false;    ///< last vowel of a yes/no question (no model value of its own)
};

/// The model's log F0 offset from the speaker's mean for a vowel inside its phrase.
double phrase_contour_offset(const ProsodyModel& model, double time_in_phrase_s, bool phrase_initial, bool stressed);

/// The model's log F0 offset from the speaker's mean for every phone of a sequence: vowels by
/// their context (question_final vowels get the phrase contour), consonants interpolated in
/// time between the vowels of their phrase (the nearest vowel's value outside them), pauses
/// and speech in phrases without vowels the phrase contour at their time.
std::vector<double> modelled_offsets(const std::vector<PhoneContext>& phones, const ProsodyModel& model);

}  // namespace echoes::voice
