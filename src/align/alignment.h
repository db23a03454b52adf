#pragma once
// The result of aligning one recording to its transcript.
#include <string>
#include <vector>

namespace echoes::align {

/// Name of the silence phone between words (and at the ends).
inline constexpr const char* kSilencePhone = "SIL";

/// One phone of the forced alignment. Times are seconds from the start of the audio,
/// on pocketsphinx's 10 ms frame grid; end_s is exclusive.
struct AlignedPhone {
  std::string phone;           ///< ARPAbet without stress ("AH", "ZH") or kSilencePhone
  int word_index = -1;         ///< index into Alignment::words; -1 for silence
  double start_s = 0.0;
  double end_s = 0.0;
  /// Mean acoustic log-likelihood per 10 ms frame, in nats, relative to the best-scoring
  /// senone of each frame (pocketsphinx normalizes frames this way): 0 is a perfect fit,
  /// typical phones score -1 to -4.
  double score_per_frame = 0.0;
  /// score_per_frame minus the free phone loop's score on the same frames (nats/frame);
  /// near 0 when the phone sounds as the text says, strongly negative when it does not.
  double match_per_frame = 0.0;
};

/// One word of the transcript with its aligned span.
struct AlignedWord {
  std::string word;            ///< normalized word (lowercase, see normalize_transcript)
  double start_s = 0.0;        ///< start of its first phone
  double end_s = 0.0;          ///< end of its last phone (exclusive)
  int first_phone = 0;         ///< index into Alignment::phones
  int phone_count = 0;
  bool in_dictionary = true;   ///< false: pronounced by flite's letter-to-sound rules
  double score_per_frame = 0.0;  ///< as AlignedPhone, averaged over the word's frames
  double match_per_frame = 0.0;  ///< as AlignedPhone, averaged over the word's frames
  bool implausible_duration = false;  ///< too short or too long for its phones (see MatchOptions)
  /// Index of its sentence in ForcedAligner::align_sentences' input; -1 from align().
  int sentence_index = -1;
};

/// Forced alignment of a recording to its transcript, with a verdict on whether the
/// audio actually says the text.
struct Alignment {
  std::vector<AlignedWord> words;    ///< in transcript order; empty when alignment failed
  std::vector<AlignedPhone> phones;  ///< in time order, silences included
  double duration_s = 0.0;           ///< duration of the audio that was aligned

  /// Mean per-frame log-likelihood (nats) of the forced alignment over the frames that
  /// count (every frame except those both decoders call silence).
  double forced_score_per_frame = 0.0;
  /// The same for unconstrained phone recognition (a free phone loop) on the same audio.
  double free_score_per_frame = 0.0;
  /// forced_score_per_frame - free_score_per_frame: a log-likelihood ratio per frame.
  /// Median -0.44 (range -1.25 to -0.05) for a native speaker reading the text; median
  /// -3.5 for audio of a different text; accented readers score lower (median -1.3).
  /// The main input of `matches`. -1e9 when the text could not be aligned at all.
  double match_score = 0.0;
  /// Fraction of words whose duration is implausible for their phone count.
  double implausible_word_fraction = 0.0;
  /// Fraction of the recording's speech-level frames that the alignment calls silence
  /// (speech the text does not account for; near 0 when the text is complete).
  double unaligned_speech_fraction = 0.0;

  /// True when the audio is judged to say the transcript (see MatchOptions).
  bool matches = false;
  /// Plain-language reason when `matches` is false; empty otherwise.
  std::string reason;
  /// Words not in the pronunciation dictionary (pronounced by letter-to-sound rules).
  std::vector<std::string> unknown_words;
};

}  // namespace echoes::align
