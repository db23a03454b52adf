#pragma once
// Phone-level forced alignment of a recording to its transcript with pocketsphinx (en-us),
// and a verdict on whether the recording actually says the transcript.
//
// Method (docs/alignment.md): the transcript's phones become a JSGF grammar of one-phone
// pseudo-words with optional silence between words (grammar.h); pocketsphinx's FSG search
// aligns it. The same audio is then decoded by a free phone loop (allphone search,
// context-independent phones); the per-frame log-likelihood ratio of the two paths is the
// match score (match.h).
//
// Thread safety: one ForcedAligner owns one pocketsphinx decoder and is NOT thread-safe.
// Use one instance per thread. Construction loads the model (about 0.1 s, ~40 MB), so
// keep an instance and reuse it across recordings.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "align/alignment.h"
#include "align/grammar.h"
#include "align/match.h"
#include "audio/audio.h"

namespace echoes::align {

struct AlignerOptions {
  /// Folder holding the acoustic model folder "en-us" and "cmudict-en-us.dict".
  std::string model_dir = "/usr/share/pocketsphinx/model/en-us";
  /// Search beams (probability ratios to the best path, as pocketsphinx's -beam/-pbeam/
  /// -wbeam). Wider than recognition defaults (1e-48) so a slow or accented reading is not
  /// pruned away; alignment is cheap either way.
  double beam = 1e-80;
  double phone_beam = 1e-80;
  double word_beam = 1e-60;
  /// Pronunciations per dictionary word offered to the aligner (cmudict lists variants).
  int max_pronunciations = 3;
  /// Transcripts with more words are refused (invalid_argument).
  std::size_t max_words = 5000;
  /// Recordings longer than this are refused (too_long).
  double max_duration_s = 600.0;
  /// Recordings whose peak stays below this level are refused as silent (no_speech).
  double silence_peak_dbfs = -60.0;
  MatchOptions match;
};

class ForcedAligner {
 public:
  /// Loads the model. Throws echoes::Error(unavailable) when the model cannot be loaded.
  explicit ForcedAligner(AlignerOptions options = {});
  ~ForcedAligner();
  ForcedAligner(const ForcedAligner&) = delete;
  ForcedAligner& operator=(const ForcedAligner&) = delete;

  /// Aligns `audio` (mono, any rate; resampled to 16 kHz internally) to `transcript`
  /// (free text; see normalize_transcript for how it becomes words).
  /// Returns the alignment with times in seconds from the start of `audio`. When the text
  /// cannot be fitted (far too long for the audio, or the search cannot reach its end) the
  /// result has matches == false, a reason, and possibly no words.
  /// Throws echoes::Error with code
  ///  - invalid_argument: transcript without words, more than max_words words, bad rate;
  ///  - empty_audio: no samples;  too_long: longer than max_duration_s;
  ///  - no_speech: the audio is silent (peak below silence_peak_dbfs).
  Alignment align(const audio::Audio& audio, std::string_view transcript);

  /// Read-along alignment: like align(), but every sentence may be skipped (grammar.h,
  /// sentence_grammar), so a take that stops early or leaves sentences out still aligns.
  /// The result holds only the words of the sentences the search kept, each with its
  /// sentence_index; match fields are filled as in align() (judge sentences by their
  /// words' match_per_frame; `matches` is about the kept words only). Throws as align(),
  /// except that the text being too long for the audio is no error.
  Alignment align_sentences(const audio::Audio& audio, const std::vector<std::string>& sentences);

  const AlignerOptions& options() const { return options_; }

 private:
  struct Decoder;
  /// Decodes `pcm` with `grammar` and the free phone loop; fills `result` (sentence
  /// indices from `sentence_first_word`, empty for align()).
  bool decode_into(const std::vector<std::int16_t>& pcm, const std::string& grammar,
                   const std::vector<WordPronunciations>& words,
                   const std::vector<std::size_t>& sentence_first_word, Alignment& result);
  AlignerOptions options_;
  std::unique_ptr<Decoder> decoder_;
};

}  // namespace echoes::align
