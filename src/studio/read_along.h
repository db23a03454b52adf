#pragma once
// Was the passage actually read? Every take is aligned to its text sentence by sentence
// (align::ForcedAligner::align_sentences, any sentence may be skipped) and each sentence is
// judged: "read" (on the aligned path and its words sound like the text), "misread" (on the
// path but its words do not sound like the text, e.g. cut off mid-sentence) or "skipped"
// (not on the path). Only read sentences count: their time toward the recorded duration,
// their text toward phonetic coverage and the voice's units. A take with fewer than
// kMinReadFraction of its sentences read is incomplete and does not finish its passage.
// Measurements: docs/studio-read-along.md.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "align/aligner.h"
#include "align/alignment.h"

namespace echoes::studio {

/// Lowest duration-weighted mean match_per_frame (nats per frame) of a read sentence's
/// words. Sentences read: -2.3 to -0.3 (Kathleen, bdl); another sentence read in place of
/// one: about -6 (docs/studio-read-along.md).
inline constexpr double kMinSentenceMatchScore = -3.0;
/// Share of a passage's sentences a take must read to count as complete (finish the
/// passage). 80%: one slip in a 5-sentence passage still counts; half a passage does not.
inline constexpr double kMinReadFraction = 0.8;
/// Seconds of the take kept around each run of read sentences (breath, word edges).
inline constexpr double kReadRunPadding_s = 0.15;

/// The aligner settings of the read-along check: beams wider than plain alignment's, since
/// with every sentence optional a misread sentence lets wrong partial paths lead, and the
/// right one must survive until the text resumes (1e-80 lost it: docs/studio-read-along.md).
align::AlignerOptions read_along_aligner_options();

struct SentenceReading {
  std::string text;
  std::string status = "skipped";  ///< "read" | "misread" | "skipped"
  double start_s = 0.0;            ///< first word's start; 0 when skipped
  double end_s = 0.0;              ///< last word's end; 0 when skipped
  double match_score = 0.0;        ///< duration-weighted mean of its words; 0 when skipped
};

/// A run of consecutive read sentences: one stretch of the take with its text.
struct ReadRun {
  std::string text;
  double start_s = 0.0;
  double end_s = 0.0;
};

struct ReadAlongCheck {
  bool checked = false;        ///< false: not verified (disabled or the aligner failed)
  std::string reason;          ///< why not checked
  std::vector<SentenceReading> sentences;
  int sentences_read = 0;
  bool complete = true;        ///< sentences_read >= kMinReadFraction of the sentences
  /// Seconds that count toward the recorded total: the whole take when every sentence was
  /// read, else the read runs (padding included).
  double read_duration_s = 0.0;
  std::vector<ReadRun> runs;
};

/// The sentences of `text` a take is checked against: text::split_sentences, without
/// those that hold no word to align (a stray "—").
std::vector<std::string> reading_sentences(const std::string& text);

/// Judges `alignment` (from align_sentences over `sentences`) as described at the top.
/// `take_duration_s` bounds the padded runs.
ReadAlongCheck check_read_along(const align::Alignment& alignment, const std::vector<std::string>& sentences,
                                double take_duration_s);

/// "Incomplete — 3 of 12 sentences read." / "All 12 sentences read." / "11 of 12 sentences read."
std::string read_along_message(const ReadAlongCheck& check);

/// {"checked","complete","sentencesRead","sentenceCount","readDurationSec","minReadFraction",
///  "message","sentences":[{"text","status","startSec","endSec","matchScore"}],
///  "runs":[{"text","startSec","endSec"}]} (or {"checked":false,"reason"}).
nlohmann::json read_along_to_json(const ReadAlongCheck& check);

/// The inverse of read_along_to_json; tolerates missing fields (checked = false).
ReadAlongCheck read_along_from_json(const nlohmann::json& json);

}  // namespace echoes::studio
