#include "watermark/detect.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

#include "audio/fft.h"
#include "audio/resample.h"
#include "common/error.h"
#include "watermark/folded_phases.h"
#include "watermark/pattern.h"

namespace echoes::watermark {
namespace {

using Complex = std::complex<float>;

// Lags searched around each frame offset, samples: together the offsets and lags cover a hop.
constexpr int kMaxLag = static_cast<int>(layout::kHop) / (2 * layout::kSubHopSteps);

// Where the mark sits relative to our framing: detection frame class f holds embedding frame
// class (f + phase) mod period, shifted by lag samples.
struct Alignment {
  std::size_t offset = 0;
  int phase = 0;
  int lag = 0;
  float polarity = 1.0f;  // -1 when the clip was inverted
};

int band_of_bin(std::size_t bin) {
  int band = 0;
  while (band + 1 < layout::kBandCount && bin >= layout::band_end_bin(band)) ++band;
  return band;
}

// Calls visit(cell, bin, conj(chip) * folded sum) for every marked bin, at frame phase `phase`.
template <typename Visit>
void for_each_bin(const KeyedPattern& pattern, const detail::FoldedPhases& folded, int phase,
                  Visit visit) {
  static const std::vector<int> bands = [] {
    std::vector<int> out;
    for (std::size_t k = layout::first_bin(); k < layout::end_bin(); ++k) out.push_back(band_of_bin(k));
    return out;
  }();
  for (int f = 0; f < layout::kFramesPerPeriod; ++f) {
    const int frame = (f + phase) % layout::kFramesPerPeriod;
    for (std::size_t k = layout::first_bin(); k < layout::end_bin(); ++k) {
      const int cell = layout::cell_index(frame, bands[k - layout::first_bin()]);
      visit(cell, k, std::conj(pattern.chip(frame, k)) * folded.at(f, k));
    }
  }
}

// Sync correlation at every lag at once: the inverse FFT of the per-bin despread sums turns
// a time shift (a phase ramp across bins) into an index. Returns the best lag and its signed
// z (negative: inverted polarity); the best is the largest |z|.
std::pair<int, double> best_sync_lag(const KeyedPattern& pattern, const detail::FoldedPhases& folded,
                                     int phase, audio::RealFft& fft) {
  auto spectrum = fft.spectrum();
  std::fill(spectrum.begin(), spectrum.end(), Complex{});
  double norm = 0.0;
  for_each_bin(pattern, folded, phase, [&](int cell, std::size_t k, Complex despread) {
    if (pattern.symbol[cell] >= 0) return;
    spectrum[k] += despread;
    norm += 0.5 * std::norm(despread);
  });
  if (norm <= 0.0) return {0, 0.0};
  fft.inverse();  // time[n] = 2 Re(sum_k V[k] e^{+2 pi i k n / N})
  const auto time = fft.time();
  std::pair<int, double> best{0, 0.0};
  for (int lag = -kMaxLag; lag < kMaxLag; ++lag) {
    const std::size_t n = static_cast<std::size_t>((lag + static_cast<int>(layout::kFrameSize))) % layout::kFrameSize;
    const double z = 0.5 * time[n] / std::sqrt(norm);
    if (std::fabs(z) > std::fabs(best.second)) best = {lag, z};
  }
  return best;
}

// Despread, lag-corrected bins of one payload symbol's cells.
struct SymbolBins {
  std::vector<std::pair<int, std::size_t>> where;  // (frame in period, bin)
  std::vector<double> value;                       // real correlation with the chip
  double norm = 0.0;                               // sum |despread|^2 / 2
};

// Scores every value of every payload symbol at the found alignment and picks the best.
void decode_payload(const KeyedPattern& pattern, const detail::FoldedPhases& folded,
                    const Alignment& at, Detection& detection) {
  std::array<SymbolBins, layout::kPayloadSymbols> symbols;
  for_each_bin(pattern, folded, at.phase, [&](int cell, std::size_t k, Complex despread) {
    const int symbol = pattern.symbol[cell];
    if (symbol < 0) return;
    const double angle = 2.0 * std::numbers::pi * static_cast<double>(k) * at.lag / layout::kFrameSize;
    const Complex ramp{static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle))};
    symbols[symbol].where.emplace_back(cell / layout::kBandCount, k);
    symbols[symbol].value.push_back(at.polarity * (despread * ramp).real());
    symbols[symbol].norm += 0.5 * std::norm(despread);
  });
  detection.symbol_scores.assign(layout::kPayloadSymbols * layout::kSymbolValues, 0.0);
  detection.min_symbol_margin = INFINITY;
  std::uint32_t word = 0;
  for (int symbol = 0; symbol < layout::kPayloadSymbols; ++symbol) {
    const SymbolBins& bins = symbols[symbol];
    const double scale = bins.norm > 0.0 ? 1.0 / std::sqrt(bins.norm) : 0.0;
    double best = -INFINITY;
    double second = -INFINITY;
    int best_value = 0;
    for (int value = 0; value < layout::kSymbolValues; ++value) {
      double correlation = 0.0;
      for (std::size_t i = 0; i < bins.value.size(); ++i) {
        const auto [frame, k] = bins.where[i];
        correlation += symbol_sign(pattern, symbol, value, frame, k) * bins.value[i];
      }
      const double z = correlation * scale;
      detection.symbol_scores[symbol * layout::kSymbolValues + value] = z;
      if (z > best) {
        second = best;
        best = z;
        best_value = value;
      } else if (z > second) {
        second = z;
      }
    }
    detection.min_symbol_margin = std::min(detection.min_symbol_margin, best - second);
    word = (word << layout::kSymbolBits) | static_cast<std::uint32_t>(best_value);
  }
  detection.tag_valid = detection.found && parse_payload_word(word, detection.tag);
  if (!detection.tag_valid) detection.tag = 0;
}

}  // namespace

Detection detect_watermark(const audio::Audio& clip, const WatermarkOptions& options) {
  if (clip.rate_hz <= 0) {
    throw Error(error_code::kInvalidArgument, "Audio to check must have a positive sample rate.");
  }
  if (clip.samples.empty()) throw Error(error_code::kEmptyAudio, "The audio holds no samples.");
  for (const float s : clip.samples) {
    if (!std::isfinite(s)) throw Error(error_code::kInvalidAudio, "The audio holds invalid (NaN or infinite) samples.");
  }
  const KeyedPattern pattern = make_pattern(options.key);
  const std::vector<float> x = clip.rate_hz == layout::kRateHz
                                   ? clip.samples
                                   : audio::resample(clip.samples, clip.rate_hz, layout::kRateHz);

  Detection detection;
  detection.z_score = -INFINITY;
  Alignment best;
  detail::FoldedPhases best_folded;
  audio::RealFft fft(layout::kFrameSize);
  for (int step = 0; step < layout::kSubHopSteps; ++step) {
    const std::size_t offset = static_cast<std::size_t>(step) * layout::kHop / layout::kSubHopSteps;
    detail::FoldedPhases folded = detail::fold_phases(x, offset);
    bool improved = false;
    for (int phase = 0; phase < layout::kFramesPerPeriod; ++phase) {
      const auto [lag, signed_z] = best_sync_lag(pattern, folded, phase, fft);
      const double z = std::fabs(signed_z);
      if (z > detection.z_score) {
        detection.z_score = z;
        best = {offset, phase, lag, signed_z < 0.0 ? -1.0f : 1.0f};
        detection.active_s = static_cast<double>(folded.active_frames * layout::kHop) / layout::kRateHz;
        improved = true;
      }
    }
    if (improved) best_folded = std::move(folded);
  }
  const double z = std::max(0.0, detection.z_score);
  detection.false_alarm_bound = std::min(1.0, kSearchHypotheses * std::exp(-0.5 * z * z));
  detection.found = detection.z_score >= options.threshold_z;
  decode_payload(pattern, best_folded, best, detection);
  return detection;
}

std::optional<std::uint32_t> match_tag(const Detection& detection,
                                       std::span<const std::uint32_t> candidate_tags,
                                       double threshold_z) {
  if (!detection.found || candidate_tags.empty() || detection.symbol_scores.empty()) {
    return std::nullopt;
  }
  double best_score = -INFINITY;
  std::uint32_t best_tag = 0;
  for (const std::uint32_t tag : candidate_tags) {
    const std::uint32_t word = payload_word(tag);
    double score = 0.0;  // sum of kPayloadSymbols ~N(0,1) scores, rescaled to ~N(0,1)
    for (int symbol = 0; symbol < layout::kPayloadSymbols; ++symbol) {
      score += detection.symbol_scores[symbol * layout::kSymbolValues + symbol_value(word, symbol)];
    }
    score /= std::sqrt(static_cast<double>(layout::kPayloadSymbols));
    if (score > best_score) {
      best_score = score;
      best_tag = tag;
    }
  }
  const double needed =
      threshold_z + std::sqrt(2.0 * std::log(static_cast<double>(candidate_tags.size())));
  if (best_score < needed) return std::nullopt;
  return best_tag;
}

}  // namespace echoes::watermark
