#pragma once
// Settings shared by watermark embedding and detection.
#include <string>

namespace echoes::watermark {

/// The built-in key. Every deployment should set its own secret (config `watermark_key`,
/// env ECHOES_WATERMARK_KEY for the CLI): anyone holding the key can detect the mark, and
/// with effort remove or forge it. Clips marked under one key are invisible under another.
inline constexpr const char* kDefaultKey = "echoes-default-watermark-key-change-me";

struct WatermarkOptions {
  /// Secret that seeds the pseudo-random patterns; embedder and detector must agree.
  std::string key = kDefaultKey;
  /// Power of the mark relative to the speech in the marked band (600-6,600 Hz), dB, in
  /// every frame. -17 dB gives a full-band segmental SNR of about 25 dB (IFPI guidance for
  /// inaudible marks: above 20 dB). See docs/watermark.md for the robustness trade-off.
  double level_db = -17.0;
  /// Detection threshold on the sync z-score. Whatever the audio, the probability that an
  /// unmarked clip reaches it is at most kSearchHypotheses * exp(-z^2 / 2): 1.1e-5 at 6.5.
  double threshold_z = 6.5;
};

}  // namespace echoes::watermark
