#pragma once
// Deciding whether a recording says its transcript, from two decodings of the same audio:
// the forced alignment to the text and a free phone loop (unconstrained phone recognition).
//
// Why a ratio: pocketsphinx's frame scores depend on the voice, microphone and noise as much
// as on the words. The free phone loop sees the same conditions but no text, so the
// difference between the two (a log-likelihood ratio per frame) is small when the audio
// says the text and large when the forced path has to fit the wrong phones.
#include <vector>

#include "align/alignment.h"

namespace echoes::align {

struct MatchOptions {
  /// Recordings with Alignment::match_score below this (nats per frame) do not match.
  /// Measured on Kathleen (docs/alignment.md): own transcripts -1.25 to -0.05, other
  /// sentences' transcripts -0.9 to -5 (or no alignment at all).
  double min_match_score = -2.0;
  /// Recordings with more than this fraction of implausibly timed words do not match.
  /// A backstop: the two criteria above catch nearly every mismatch first.
  double max_implausible_word_fraction = 0.5;
  /// A word is implausible when its mean phone duration is below this (seconds): every
  /// phone squeezed to pocketsphinx's 3-frame minimum means the text did not fit.
  double min_mean_phone_duration_s = 0.035;
  /// ... or above this: one phone stretched over a long stretch of other sounds.
  double max_mean_phone_duration_s = 0.35;
  /// Recordings where more than this fraction of the loud (speech-level) frames are aligned
  /// to silence do not match: they hold speech the text does not account for.
  /// Kathleen's own transcripts: at most 0.07.
  double max_unaligned_speech_fraction = 0.30;
};

/// Per-frame scores of one decoding pass, one entry per 10 ms frame.
struct FrameTrack {
  std::vector<double> score_nats;  ///< acoustic log-likelihood of the frame on that path
  std::vector<char> silence;       ///< non-zero where the path is in silence
};

/// Fills the match fields of `alignment` from the two decodings and the recording's
/// loud frames (loud_frames.h): each phone's and word's match_per_frame, words'
/// implausible_duration, forced/free_score_per_frame, match_score,
/// implausible_word_fraction, unaligned_speech_fraction, matches and reason.
/// Frames that both passes call silence are left out: leading and trailing silence carries
/// no evidence and would dilute the score.
/// Preconditions: the tracks and `loud` have the same length; phones lie within it.
void assess_match(Alignment& alignment, const FrameTrack& forced, const FrameTrack& free,
                  const std::vector<char>& loud, const MatchOptions& options);

}  // namespace echoes::align
