#pragma once
// Abstract text front end: text -> normalized words -> phones with stress and syllables.
// FliteFrontEnd (flite_front_end.h) is the English implementation; another language
// back end (e.g. espeak-ng) can implement the same interface later.
#include <string>
#include <string_view>

#include "text/phone.h"

namespace echoes::text {

class FrontEnd {
 public:
  virtual ~FrontEnd() = default;

  /// Analyses one piece of text (one or more sentences).
  /// Input: any bytes (UTF-8 expected); hostile input is sanitized, never crashes.
  /// Output: words and phones; an empty Utterance for text with nothing speakable.
  /// Throws echoes::Error(too_long) when the text exceeds the implementation's cap.
  virtual Utterance analyze(std::string_view text) const = 0;

  /// Short identifier of the implementation and language, e.g. "flite-en-us".
  virtual std::string name() const = 0;
};

}  // namespace echoes::text
