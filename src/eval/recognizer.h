#pragma once
// Free speech recognition with pocketsphinx (en-us acoustic model, its general-English
// trigram language model and CMUdict), used as an objective intelligibility check of
// synthesized speech. It is a weak recognizer (about 21% WER on native read speech, far
// worse on accented speech): compare WERs of the same sentences, never read one alone.
//
// Thread safety: one Recognizer owns one decoder (~100 MB with the LM) and is NOT
// thread-safe; use one per thread and reuse it (loading takes about a second).
#include <memory>
#include <string>

#include "audio/audio.h"
#include "eval/word_errors.h"

namespace echoes::eval {

struct RecognizerOptions {
  std::string model_dir = "/usr/share/pocketsphinx/model/en-us";  ///< holds the three files below
  std::string acoustic_model = "en-us";             ///< folder of the acoustic model
  std::string language_model = "en-us.lm.bin";     ///< n-gram language model
  std::string dictionary = "cmudict-en-us.dict";    ///< pronunciation dictionary
  double max_duration_s = 120.0;                    ///< longer clips are refused (too_long)
};

class Recognizer {
 public:
  /// Loads the model. Throws echoes::Error(unavailable) when it cannot be loaded.
  explicit Recognizer(RecognizerOptions options = {});
  ~Recognizer();
  Recognizer(const Recognizer&) = delete;
  Recognizer& operator=(const Recognizer&) = delete;

  /// The recognized words of `audio` (mono, any rate; resampled to 16 kHz), lowercase,
  /// separated by single spaces, without fillers; "" when nothing was recognized.
  /// Throws echoes::Error: empty_audio (no samples), too_long, invalid_argument (bad rate).
  std::string recognize(const audio::Audio& audio);

  /// Recognizes `audio` and scores it against `reference_text`.
  WordErrors word_errors(const audio::Audio& audio, std::string_view reference_text);

 private:
  struct Decoder;
  RecognizerOptions options_;
  std::unique_ptr<Decoder> decoder_;
};

}  // namespace echoes::eval
