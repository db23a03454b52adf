#pragma once
// Lexical labels for aligned phones: stress, syllable starts and flite's predicted duration,
// carried over from the text front end's analysis of the transcript.
//
// Why a sequence alignment: pocketsphinx aligns cmudict pronunciations, flite predicts from
// its own lexicon and letter-to-sound rules; the two mostly agree, but not phone for phone.
// An edit-distance alignment (same phone free, same class cheap) pairs them up.
#include <vector>

#include "align/alignment.h"
#include "text/phone.h"

namespace echoes::voice {

/// Labels of one aligned phone; `matched` is false when the front end had no counterpart.
struct PhoneLabel {
  bool matched = false;
  int stress = 0;                 ///< 1 stressed vowel (primary or secondary), else 0
  bool syllable_initial = false;
  double flite_duration_s = 0.0;  ///< flite's predicted duration of the matched phone
};

/// One label per entry of `aligned.phones` (silences get unmatched labels).
std::vector<PhoneLabel> label_aligned_phones(const align::Alignment& aligned,
                                             const text::Utterance& analysed);

}  // namespace echoes::voice
