#pragma once
// Blind detection of the Echoes watermark: no original needed, any sample rate, any gain.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "audio/audio.h"
#include "watermark/layout.h"
#include "watermark/options.h"

namespace echoes::watermark {

/// Alignments the detector tries (every sample shift within one period, both polarities);
/// the false-alarm bound is multiplied by this.
inline constexpr int kSearchHypotheses = 2 * layout::kFramesPerPeriod * static_cast<int>(layout::kHop);

struct Detection {
  /// True when the sync z-score reached options.threshold_z: the clip came from Echoes.
  bool found = false;
  /// True when found and the decoded payload passed its CRC: `tag` is then the voice tag.
  bool tag_valid = false;
  std::uint32_t tag = 0;
  /// Best |sync z-score| over all alignments and both polarities (about |N(0,1)| per
  /// alignment on unmarked audio).
  double z_score = 0.0;
  /// Upper bound on the probability that unmarked audio scores z_score or more:
  /// min(1, kSearchHypotheses * exp(-z^2 / 2)).
  double false_alarm_bound = 1.0;
  /// Smallest gap, over the payload symbols, between the best and second-best value's
  /// z-score: how far the decoded tag was from an error (below ~2 it is shaky).
  double min_symbol_margin = 0.0;
  /// Soft payload: z-score of each value (0..255) of each payload symbol, symbol-major
  /// (kPayloadSymbols x kSymbolValues). match_tag() uses it.
  std::vector<double> symbol_scores;
  /// Speech-active seconds the decision rests on.
  double active_s = 0.0;
};

/// Looks for the watermark in `clip` (any rate: resampled to 22,050 Hz internally; any gain).
/// Clips shorter than about 1.5 s of speech rarely reach the threshold.
/// Throws echoes::Error(invalid_argument) for a non-positive rate or an empty key,
/// (empty_audio) for a clip without samples and (invalid_audio) for NaN/infinite samples.
Detection detect_watermark(const audio::Audio& clip, const WatermarkOptions& options = {});

/// Informed tag decoding for when the blind tag failed its CRC (short or badly degraded
/// clips): returns the candidate tag whose payload best matches `detection`, if its payload
/// z-score (about N(0,1) for a wrong tag) reaches threshold_z + sqrt(2 ln(candidates)).
/// Needs detection.found; returns nullopt otherwise.
std::optional<std::uint32_t> match_tag(const Detection& detection,
                                       std::span<const std::uint32_t> candidate_tags,
                                       double threshold_z = 4.0);

}  // namespace echoes::watermark
