#include "watermark/folded_phases.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "audio/fft.h"

namespace echoes::watermark::detail {
namespace {

constexpr double kActiveRangeDb = 40.0;  // frames this far below the loudest count as silence
constexpr float kMinBinEnergy = 1e-12f;  // bins a codec zeroed carry no phase
constexpr std::size_t kEnvelopeHalfWidth = 4;  // bins each side in the spectral envelope

// Divides each bin by the local spectral envelope (RMS over +-kEnvelopeHalfWidth bins), which
// removes gain and the speech's spectral shape but, unlike dividing by the bin's own
// magnitude, keeps the full projection of the mark.
void whiten(std::complex<float>* frame, std::size_t bins) {
  std::vector<double> power(bins + 1, 0.0);  // prefix sums of |Y|^2
  for (std::size_t k = 0; k < bins; ++k) power[k + 1] = power[k] + std::norm(frame[k]);
  for (std::size_t k = 0; k < bins; ++k) {
    const std::size_t lo = k > kEnvelopeHalfWidth ? k - kEnvelopeHalfWidth : 0;
    const std::size_t hi = std::min(bins, k + kEnvelopeHalfWidth + 1);
    const double mean = (power[hi] - power[lo]) / static_cast<double>(hi - lo);
    frame[k] = mean > kMinBinEnergy ? frame[k] / static_cast<float>(std::sqrt(mean)) : 0.0f;
  }
}

// Matches the embedder's window: a mark bin passes its sqrt-Hann synthesis window and our
// sqrt-Hann analysis window, i.e. Hann, whose spectrum is [-1/4, 1/2, -1/4]. Correlating with
// that kernel (its own adjoint) instead of the bin alone collects the leaked neighbours.
void match_window(std::complex<float>* row, std::size_t bins) {
  std::vector<std::complex<float>> in(row, row + bins);
  for (std::size_t k = 0; k < bins; ++k) {
    std::complex<float> v = 0.5f * in[k];
    if (k > 0) v -= 0.25f * in[k - 1];
    if (k + 1 < bins) v -= 0.25f * in[k + 1];
    row[k] = v;
  }
}

// Spectra of all frames (marked bins only) and each frame's in-band energy.
void marked_spectra(std::span<const float> x, std::size_t offset, std::size_t frames,
                    std::vector<std::complex<float>>& spectra, std::vector<double>& energy) {
  std::vector<float> window(layout::kFrameSize);
  for (std::size_t i = 0; i < window.size(); ++i) {
    window[i] = static_cast<float>(std::sin(std::numbers::pi * static_cast<double>(i) / layout::kFrameSize));
  }
  audio::RealFft fft(layout::kFrameSize);
  const std::size_t bins = layout::bin_count();
  spectra.assign(frames * bins, {});
  energy.assign(frames, 0.0);
  const auto n = static_cast<std::ptrdiff_t>(x.size());
  for (std::size_t t = 0; t < frames; ++t) {
    const std::ptrdiff_t start = static_cast<std::ptrdiff_t>(offset + t * layout::kHop) -
                                 static_cast<std::ptrdiff_t>(layout::kHop);
    auto time = fft.time();
    for (std::size_t i = 0; i < layout::kFrameSize; ++i) {
      const std::ptrdiff_t s = start + static_cast<std::ptrdiff_t>(i);
      time[i] = (s >= 0 && s < n) ? x[static_cast<std::size_t>(s)] * window[i] : 0.0f;
    }
    fft.forward();
    const auto spectrum = fft.spectrum();
    std::copy(spectrum.begin() + static_cast<std::ptrdiff_t>(layout::first_bin()),
              spectrum.begin() + static_cast<std::ptrdiff_t>(layout::end_bin()),
              spectra.begin() + static_cast<std::ptrdiff_t>(t * bins));
    for (std::size_t k = layout::first_bin(); k < layout::end_bin(); ++k) energy[t] += std::norm(spectrum[k]);
  }
}

}  // namespace

FoldedPhases fold_phases(std::span<const float> x, std::size_t offset_samples) {
  const std::size_t frames = layout::frame_count(x.size());
  const std::size_t bins = layout::bin_count();
  std::vector<std::complex<float>> spectra;
  std::vector<double> energy;
  marked_spectra(x, offset_samples, frames, spectra, energy);

  FoldedPhases folded;
  folded.sums.assign(static_cast<std::size_t>(layout::kFramesPerPeriod) * bins, {});
  const double loudest = *std::max_element(energy.begin(), energy.end());
  if (loudest <= 0.0) return folded;
  const double floor = loudest * std::pow(10.0, -kActiveRangeDb / 10.0);
  for (std::size_t t = 0; t < frames; ++t) {
    if (energy[t] < floor) continue;
    ++folded.active_frames;
    std::complex<float>* row = &folded.sums[(t % layout::kFramesPerPeriod) * bins];
    std::complex<float>* frame = &spectra[t * bins];
    whiten(frame, bins);
    for (std::size_t k = 0; k < bins; ++k) row[k] += frame[k];
  }
  for (int f = 0; f < layout::kFramesPerPeriod; ++f) match_window(&folded.sums[f * bins], bins);
  return folded;
}

}  // namespace echoes::watermark::detail
