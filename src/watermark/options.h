#pragma once
// Settings shared by watermark embedding and detection.
#include <string>

namespace echoes::watermark {

/// The built-in key. Every deployment should set its own secret (config `watermark_key`):
/// anyone holding the key can detect, and with effort remove or forge, the mark.
inline constexpr const char* kDefaultKey = "echoes-default-watermark-key-change-me";

struct WatermarkOptions {
  /// Secret that seeds the pseudo-random patterns; embedder and detector must agree.
  std::string key = kDefaultKey;
  /// Watermark level relative to the speech in each time-frequency tile it touches, dB.
  /// -20 dB gives a segmental SNR of about 20 dB (the IFPI guidance for inaudible marks).
  double level_db = -20.0;
  /// Detection threshold on the sync z-score. The false-alarm probability of one clip is
  /// at most kSearchHypotheses * exp(-z^2 / 2) (7e-7 at 6.0), whatever the audio.
  double threshold_z = 6.0;
};

}  // namespace echoes::watermark
