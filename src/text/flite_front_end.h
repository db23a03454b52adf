#pragma once
// English (US) text front end built on flite 2.2.
//
// Normalization (numbers, money, abbreviations, symbols) comes from flite's tokenizer
// and text analysis; words get phones from the CMU lexicon or letter-to-sound rules;
// flite's phrasing, post-lexical rules and duration model run too. No waveform is made.
//
// Thread safety: flite keeps state in its voice object and is not documented as
// thread-safe, so every FliteFrontEnd shares one voice (cmu_us_kal16, loaded once)
// and one process-wide mutex (flite_runtime.h, shared with flite_speech.h): analyze() may
// be called from any thread, calls run one at a time (about 0.7 ms per sentence).
#include <cstddef>
#include <string>
#include <string_view>

#include "text/front_end.h"
#include "text/sanitize.h"

namespace echoes::text {

struct FliteOptions {
  /// Inputs longer than this (bytes, before sanitizing) are refused with too_long.
  std::size_t max_text_bytes = 20000;
  SanitizeOptions sanitize;
  /// Rewrite M/D/YYYY dates into words first (flite alone says "slash").
  bool expand_dates = true;
  /// Text is analysed sentence by sentence, and sentences longer than this many tokens in
  /// pieces of this size: flite's per-phrase features cost O(n^2) in the phrase length,
  /// so an unpunctuated wall of text would otherwise take seconds.
  std::size_t max_chunk_tokens = 60;
  /// ...and pieces over this many characters (a token of digits or consonants is read
  /// digit by digit or letter by letter, one word each).
  std::size_t max_chunk_chars = 240;
};

class FliteFrontEnd final : public FrontEnd {
 public:
  explicit FliteFrontEnd(FliteOptions options = {});

  /// See FrontEnd::analyze. Pipeline: sanitize_text -> expand_numeric_dates ->
  /// split_sentences (long sentences cut into pieces of at most max_chunk_tokens tokens
  /// and max_chunk_chars characters) -> per piece flite
  /// tokenizer ... postlex + duration model -> pieces joined. Pauses ("pau") appear at the
  /// start, the end, between sentences and at phrase breaks; never two in a row.
  Utterance analyze(std::string_view text) const override;

  std::string name() const override { return "flite-en-us"; }

 private:
  FliteOptions options_;
};

}  // namespace echoes::text
