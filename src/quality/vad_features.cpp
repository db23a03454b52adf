#include "quality/vad_features.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

#include "audio/fft.h"
#include "audio/frames.h"
#include "audio/resample.h"

namespace echoes::quality {
namespace {

struct PeakPick {
  float value = 0.0f;
  float lag = 0.0f;
};

// Picks the period from a normalised autocorrelation: among local maxima in the
// lag range, the shortest lag within `preference` of the best value.
PeakPick pick_period(const std::vector<float>& nr, int min_lag, int max_lag, double preference) {
  float best = 0.0f;
  for (int l = min_lag; l <= max_lag; ++l) {
    if (nr[l] > nr[l - 1] && nr[l] >= nr[l + 1]) best = std::max(best, nr[l]);
  }
  if (best <= 0.0f) return {};
  for (int l = min_lag; l <= max_lag; ++l) {
    if (nr[l] > nr[l - 1] && nr[l] >= nr[l + 1] && nr[l] >= preference * best) {
      // Parabolic refinement of the peak position and height.
      const float a = nr[l - 1], b = nr[l], c = nr[l + 1];
      const float denom = a - 2 * b + c;
      float shift = denom < 0 ? 0.5f * (a - c) / denom : 0.0f;
      shift = std::clamp(shift, -0.5f, 0.5f);
      return {std::min(1.0f, b - 0.25f * (a - c) * shift), static_cast<float>(l) + shift};
    }
  }
  return {};
}

}  // namespace

std::size_t hop_cell_count(std::size_t sample_count, int rate_hz, double hop_s) {
  if (rate_hz <= 0 || hop_s <= 0) return 0;
  return static_cast<std::size_t>(std::ceil(sample_count / (hop_s * rate_hz) - 1e-9));
}

std::vector<double> hop_cell_powers(std::span<const float> samples, int rate_hz, double hop_s,
                                    double dc) {
  std::vector<double> powers;
  if (rate_hz <= 0 || hop_s <= 0) return powers;
  const double hop = hop_s * rate_hz;
  for (std::size_t i = 0;; ++i) {
    const auto begin = static_cast<std::size_t>(std::llround(i * hop));
    if (begin >= samples.size()) break;
    const auto end = std::min(samples.size(), static_cast<std::size_t>(std::llround((i + 1) * hop)));
    double sum = 0.0;
    for (std::size_t j = begin; j < end; ++j) {
      const double v = samples[j] - dc;
      sum += v * v;
    }
    powers.push_back(end > begin ? sum / (end - begin) : 0.0);
  }
  return powers;
}

FrameFeatures compute_frame_features(std::span<const float> samples, int rate_hz,
                                     const FrameFeatureOptions& options) {
  FrameFeatures features;
  features.hop_s = options.hop_s;
  const std::size_t frames = hop_cell_count(samples.size(), rate_hz, options.hop_s);
  features.level_db.assign(frames, -200.0f);
  features.periodicity.assign(frames, 0.0f);
  features.f0_hz.assign(frames, 0.0f);
  if (frames == 0) return features;
  double dc = 0.0;
  for (float v : samples) dc += v;
  dc /= static_cast<double>(samples.size());
  features.cell_power = hop_cell_powers(samples, rate_hz, options.hop_s, dc);
  features.cell_power.resize(frames, 0.0);
  features.full_level_db.resize(frames);
  for (std::size_t i = 0; i < frames; ++i) {
    features.full_level_db[i] = static_cast<float>(audio::power_to_db(features.cell_power[i]));
  }

  const int fs = std::min(rate_hz, options.analysis_rate_hz);
  // Medium quality is ample: the features use < 3.8 kHz of an 8 kHz signal.
  const std::vector<float> x = audio::resample(samples, rate_hz, fs, audio::ResampleQuality::medium);
  const int frame_len = std::max(8, static_cast<int>(std::lround(options.frame_s * fs)));
  audio::RealFft fft(audio::next_fast_fft_size(2 * frame_len));  // zero padding: linear, not circular, autocorrelation
  const int n = static_cast<int>(fft.size());
  float* t = fft.time().data();
  std::complex<float>* spectrum = fft.spectrum().data();
  const int bins = n / 2 + 1;
  const double bin_hz = static_cast<double>(fs) / n;

  std::vector<float> window(frame_len);
  double window_power = 0.0;
  for (int i = 0; i < frame_len; ++i) {
    window[i] = static_cast<float>(0.5 - 0.5 * std::cos(2 * std::numbers::pi * (i + 0.5) / frame_len));
    window_power += window[i] * window[i];
  }
  // Autocorrelation of the window itself, to undo its taper (Boersma 1993).
  std::fill(t, t + n, 0.0f);
  std::copy(window.begin(), window.end(), t);
  fft.forward();
  for (int k = 0; k < bins; ++k) spectrum[k] = std::norm(spectrum[k]);
  fft.inverse();
  const std::vector<float> window_ac(t, t + n);

  const int min_lag = std::max(2, static_cast<int>(std::floor(fs / options.f0_search_max_hz)));
  const int max_lag = std::min(frame_len - 2, static_cast<int>(std::ceil(fs / options.f0_search_min_hz)));
  const int level_lo = static_cast<int>(options.level_low_hz / bin_hz);
  const int level_hi = std::min(bins - 1, static_cast<int>(options.level_high_hz / bin_hz));
  const int per_lo = static_cast<int>(options.periodicity_low_hz / bin_hz);
  const int per_hi = std::min(bins - 1, static_cast<int>(options.periodicity_high_hz / bin_hz));
  // Parseval: sum over one-sided bins *2 / (n * sum w^2) = mean square of the frame.
  const double level_norm = 2.0 / (static_cast<double>(n) * window_power);

  std::vector<float> nr(max_lag + 2);
  const double hop = options.hop_s * fs;
  for (std::size_t f = 0; f < frames; ++f) {
    const long centre = std::lround((f + 0.5) * hop);
    const long start = centre - frame_len / 2;
    std::fill(t, t + n, 0.0f);
    double mean = 0.0;
    int count = 0;
    for (int i = 0; i < frame_len; ++i) {
      const long j = start + i;
      if (j >= 0 && j < static_cast<long>(x.size())) {
        mean += x[j];
        ++count;
      }
    }
    mean = count ? mean / count : 0.0;
    for (int i = 0; i < frame_len; ++i) {
      const long j = start + i;
      if (j >= 0 && j < static_cast<long>(x.size())) t[i] = (x[j] - static_cast<float>(mean)) * window[i];
    }
    fft.forward();
    double level = 0.0;
    for (int k = 0; k < bins; ++k) {
      const float p = std::norm(spectrum[k]);
      if (k >= level_lo && k <= level_hi) level += p;
      spectrum[k] = (k >= per_lo && k <= per_hi) ? p : 0.0f;
    }
    features.level_db[f] = static_cast<float>(10.0 * std::log10(level * level_norm + 1e-20));
    fft.inverse();
    const float r0 = t[0];
    if (r0 <= 1e-20f) continue;
    for (int l = min_lag - 1; l <= max_lag + 1; ++l) {
      nr[l] = (t[l] / r0) / (window_ac[l] / window_ac[0]);
    }
    const PeakPick pick = pick_period(nr, min_lag, max_lag, options.octave_preference);
    if (pick.lag > 0) {
      features.periodicity[f] = std::max(0.0f, pick.value);
      features.f0_hz[f] = static_cast<float>(fs / pick.lag);
    }
  }
  return features;
}

}  // namespace echoes::quality
