#pragma once
// The text front end's output: words, phones with stress and syllables.
#include <string>
#include <vector>

namespace echoes::text {

/// Name of the pause phone (silence between phrases and at the ends).
inline constexpr const char* kPausePhone = "pau";

/// One phone of an analysed utterance.
struct Phone {
  std::string name;          ///< cmudict-style lowercase ("ax", "zh"); kPausePhone for silence
  int stress = -1;           ///< -1 pause, 0 unstressed, 1 primary, 2 secondary (flite's lexicon has 0/1 only)
  std::string word;          ///< normalized word this phone belongs to ("forty"); empty for pauses
  int word_index = -1;       ///< index into Utterance::words; -1 for pauses
  int syllable_index = -1;   ///< index of the syllable in the utterance (0-based); -1 for pauses
  bool syllable_start = false;  ///< true for the first phone of its syllable
  int phrase_index = 0;      ///< prosodic phrase (flite's phrasing: punctuation breaks), 0-based
  double flite_duration_s = 0.0;  ///< duration flite's model predicts for this phone, seconds
};

/// How a prosodic phrase ends: sets its final pitch movement (synth/intonation.h).
enum class PhraseEnd {
  continuation,  ///< a comma, semicolon or colon: more follows (slight rise or level)
  statement,     ///< a full stop, or the end of the text without punctuation (fall)
  question,      ///< a yes/no question: "Are you coming?" (final rise)
  wh_question,   ///< a question starting with what/where/who/why/how...: falls like a statement
  exclamation,   ///< "!" (fall, from a higher start)
};

/// A normalized, phonetized piece of text.
struct Utterance {
  std::string text;                ///< the sanitized text that was analysed
  std::vector<std::string> words;  ///< normalized words in order ("doctor", "smith", ...)
  std::vector<Phone> phones;       ///< phones in order, pauses included
  int syllable_count = 0;          ///< number of syllables (for speaking-rate measures)
  int phrase_count = 0;            ///< number of prosodic phrases
  std::vector<PhraseEnd> phrase_ends;  ///< one per phrase, from the punctuation after it
};

}  // namespace echoes::text
