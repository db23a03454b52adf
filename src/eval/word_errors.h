#pragma once
// Word error rate: minimum-edit (Levenshtein) alignment of a hypothesis word sequence to a
// reference, counting substitutions, deletions and insertions.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace echoes::eval {

struct WordErrors {
  std::size_t reference_words = 0;
  std::size_t substitutions = 0;
  std::size_t deletions = 0;    ///< reference words missing from the hypothesis
  std::size_t insertions = 0;   ///< hypothesis words not in the reference

  std::size_t errors() const { return substitutions + deletions + insertions; }
  /// errors / reference_words (can exceed 1); 0 when both are empty, 1 per inserted word
  /// when the reference is empty (errors / max(reference_words, 1)).
  double rate() const;
  /// Adds another utterance's counts (corpus-level WER = summed errors / summed words).
  WordErrors& operator+=(const WordErrors& other);
};

/// Words for scoring: lowercase, punctuation removed, hyphens split words, an apostrophe
/// inside a word kept (align::normalize_transcript), and pocketsphinx's alternative-
/// pronunciation marks ("word(2)") reduced to the word.
std::vector<std::string> scoring_words(std::string_view text);

/// Edit counts of `hypothesis` against `reference` (both free text, normalized with
/// scoring_words). Among alignments with the fewest errors, substitutions are preferred
/// to a deletion plus an insertion.
WordErrors count_word_errors(std::string_view reference, std::string_view hypothesis);

/// Same on already-normalized word sequences.
WordErrors count_word_errors(const std::vector<std::string>& reference, const std::vector<std::string>& hypothesis);

}  // namespace echoes::eval
