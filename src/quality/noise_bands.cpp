#include "quality/noise_bands.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <numbers>

#include "audio/fft.h"
#include "quality/percentile.h"

namespace echoes::quality {
namespace {

// Mean / q-quantile of a chi-square variable with k degrees of freedom, by the
// Wilson-Hilferty normal approximation (good to a few per cent for k >= 2).
double mean_to_quantile_ratio(double k, double q) {
  // Inverse normal CDF by bisection on erfc: q is a constant, this runs once per band.
  double lo = -8.0, hi = 8.0;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (0.5 * std::erfc(-mid / std::numbers::sqrt2) < q ? lo : hi) = mid;
  }
  const double z = 0.5 * (lo + hi);
  const double c = 2.0 / (9.0 * k);
  const double cube = std::max(1e-3, 1.0 - c + z * std::sqrt(c));
  return 1.0 / (cube * cube * cube);
}

}  // namespace

BandPowers compute_band_powers(std::span<const float> samples, int rate_hz, double hop_s,
                               double dc, const NoiseBandOptions& options) {
  BandPowers out;
  out.hop_s = hop_s;
  if (rate_hz <= 0 || hop_s <= 0 || samples.empty()) return out;
  const double hop = hop_s * rate_hz;
  out.cells = static_cast<std::size_t>(std::ceil(samples.size() / hop - 1e-9));
  const int frame_len = std::max(16, static_cast<int>(std::lround(options.frame_s * rate_hz)));
  audio::RealFft fft(audio::next_fast_fft_size(frame_len));
  const int n = static_cast<int>(fft.size());
  const int bins = n / 2 + 1;
  const double bin_hz = static_cast<double>(rate_hz) / n;

  // Band b covers bins [first[b], first[b+1]).
  std::vector<int> first;
  for (double edge : options.edges_hz) {
    const int k = static_cast<int>(std::lround(edge / bin_hz));
    if (k >= bins - 1) break;
    if (first.empty() || k > first.back()) first.push_back(k);
  }
  first.push_back(bins);
  out.bands = first.size() - 1;

  std::vector<float> window(frame_len);
  double window_power = 0.0;
  for (int i = 0; i < frame_len; ++i) {
    window[i] = static_cast<float>(0.5 - 0.5 * std::cos(2 * std::numbers::pi * (i + 0.5) / frame_len));
    window_power += window[i] * window[i];
  }
  // A Hann window's equivalent noise bandwidth is 1.5 bins: that many bins carry one
  // independent complex value (2 degrees of freedom).
  for (std::size_t b = 0; b < out.bands; ++b) {
    out.dof.push_back(std::max(2.0, 2.0 * (first[b + 1] - first[b]) * frame_len / (1.5 * n)));
    out.low_hz.push_back(first[b] * bin_hz);
    out.high_hz.push_back(first[b + 1] * bin_hz);
  }
  const double norm = 1.0 / (static_cast<double>(n) * window_power);  // Parseval, one-sided x2 below

  out.power.assign(out.cells * out.bands, 0.0f);
  float* t = fft.time().data();
  const std::complex<float>* spectrum = fft.spectrum().data();
  const long size = static_cast<long>(samples.size());
  for (std::size_t c = 0; c < out.cells; ++c) {
    const long start = std::lround((c + 0.5) * hop) - frame_len / 2;
    std::fill(t, t + n, 0.0f);
    for (int i = 0; i < frame_len; ++i) {
      const long j = start + i;
      if (j >= 0 && j < size) t[i] = static_cast<float>(samples[j] - dc) * window[i];
    }
    fft.forward();
    float* row = &out.power[c * out.bands];
    for (std::size_t b = 0; b < out.bands; ++b) {
      double sum = 0.0;
      for (int k = first[b]; k < first[b + 1]; ++k) {
        const double weight = (k == 0 || 2 * k == n) ? 1.0 : 2.0;
        sum += weight * std::norm(spectrum[k]);
      }
      row[b] = static_cast<float>(sum * norm);
    }
  }
  return out;
}

std::vector<double> band_noise_floors(const BandPowers& powers, const NoiseBandOptions& options) {
  std::vector<double> floors(powers.bands, 0.0);
  if (powers.cells == 0) return floors;
  const int half = std::max(0, options.smooth_cells / 2);
  const int cells = static_cast<int>(powers.cells);
  std::vector<float> smoothed(powers.cells);
  for (std::size_t b = 0; b < powers.bands; ++b) {
    for (int c = 0; c < cells; ++c) {
      double sum = 0.0;
      int count = 0;
      for (int j = std::max(0, c - half); j <= std::min(cells - 1, c + half); ++j, ++count) {
        sum += powers.band(j, b);
      }
      smoothed[c] = static_cast<float>(sum / count);
    }
    // Smoothing over overlapping frames adds fewer degrees of freedom than it averages.
    const double dof = powers.dof[b] * std::max(1.0, 0.6 * (2 * half + 1));
    floors[b] = std::numeric_limits<double>::max();
    for (double q : options.quantiles) {
      floors[b] = std::min(floors[b], percentile(smoothed, q) * mean_to_quantile_ratio(dof, q));
    }
  }
  return floors;
}

}  // namespace echoes::quality
