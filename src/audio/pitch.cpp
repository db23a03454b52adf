#include "audio/pitch.h"

#include <algorithm>
#include <cmath>
#include <complex>

#include "audio/biquad.h"
#include "audio/fft.h"
#include "audio/frames.h"
#include "audio/resample.h"
#include "common/error.h"

namespace echoes::audio {
namespace {

struct FrameEstimate {
  float f0_hz = 0.0f;
  float periodicity = 0.0f;
  bool voiced = false;
};

void check_options(const Audio& audio, const PitchOptions& o) {
  const bool ok = o.hop_s > 0.0 && o.min_f0_hz > 0.0 && o.min_f0_hz < o.max_f0_hz &&
                  o.analysis_rate_hz >= 4.0 * o.max_f0_hz && o.median_frames >= 1 &&
                  o.lowpass_hz >= 0.0 &&
                  audio.rate_hz > 0;
  if (!ok) {
    throw Error(error_code::kInvalidArgument,
                "Pitch options are inconsistent: need hop_s > 0, 0 < min_f0_hz < max_f0_hz and "
                "analysis_rate_hz >= 4 * max_f0_hz.");
  }
}

// YIN on one segment of `segment_length()` samples. The difference function
//   d(tau) = sum_{j<W} (x_j - x_{j+tau})^2 = e(0) + e(tau) - 2 r(tau)
// gets its cross term r from one FFT product, so a frame costs three FFTs instead of W*tau_max.
class YinAnalyser {
 public:
  YinAnalyser(int rate_hz, const PitchOptions& options)
      : options_(options),
        rate_hz_(rate_hz),
        tau_min_(std::max<std::size_t>(2, std::floor(rate_hz / options.max_f0_hz))),
        tau_max_(static_cast<std::size_t>(std::ceil(rate_hz / options.min_f0_hz))),
        window_(tau_max_),
        fft_(next_fast_fft_size(segment_length())),
        window_spectrum_(fft_.size() / 2 + 1),
        energy_prefix_(segment_length() + 1),
        diff_(tau_max_ + 2),
        cmnd_(tau_max_ + 2) {}

  // W samples of integration plus lags up to tau_max + 1 (one extra for interpolation).
  std::size_t segment_length() const { return window_ + tau_max_ + 1; }

  FrameEstimate analyse(const float* segment) {
    const std::size_t length = segment_length();
    for (std::size_t j = 0; j < length; ++j) {
      energy_prefix_[j + 1] = energy_prefix_[j] + static_cast<double>(segment[j]) * segment[j];
    }
    const double level_dbfs = power_to_db(energy_prefix_[length] / length);
    if (level_dbfs < options_.min_level_dbfs) return {};
    cross_correlate(segment);
    difference_function();
    return pick_period();
  }

 private:
  // fft_.time() receives r(tau) * N for tau = 0 .. tau_max + 1 (no circular wrap because
  // the window is zero beyond W and W + tau_max + 1 <= N).
  void cross_correlate(const float* segment) {
    auto time = fft_.time();
    std::fill(time.begin(), time.end(), 0.0f);
    std::copy(segment, segment + window_, time.begin());
    fft_.forward();
    std::copy(fft_.spectrum().begin(), fft_.spectrum().end(), window_spectrum_.begin());
    std::copy(segment, segment + segment_length(), time.begin());
    fft_.forward();
    auto spectrum = fft_.spectrum();
    for (std::size_t k = 0; k < spectrum.size(); ++k) {
      spectrum[k] *= std::conj(window_spectrum_[k]);
    }
    fft_.inverse();
  }

  void difference_function() {
    const auto r = fft_.time();
    const double scale = 2.0 / static_cast<double>(fft_.size());
    const double e0 = energy_prefix_[window_];
    diff_[0] = 0.0;
    cmnd_[0] = 1.0;
    double running_sum = 0.0;
    for (std::size_t tau = 1; tau <= tau_max_ + 1; ++tau) {
      const double e_tau = energy_prefix_[tau + window_] - energy_prefix_[tau];
      diff_[tau] = std::max(0.0, e0 + e_tau - scale * r[tau]);
      running_sum += diff_[tau];
      cmnd_[tau] = running_sum > 0.0 ? diff_[tau] * tau / running_sum : 1.0;
    }
  }

  // The first dip under dip_threshold (or, failing that, within 0.05 of the deepest dip),
  // followed down to its local minimum; refined by a parabola through d().
  FrameEstimate pick_period() const {
    double deepest = 1e9;
    for (std::size_t tau = tau_min_; tau <= tau_max_; ++tau) deepest = std::min(deepest, cmnd_[tau]);
    const double threshold = std::max(options_.dip_threshold, deepest + 0.05);
    std::size_t tau = tau_min_;
    while (tau < tau_max_ && cmnd_[tau] > threshold) ++tau;
    while (tau < tau_max_ && cmnd_[tau + 1] < cmnd_[tau]) ++tau;

    FrameEstimate estimate;
    estimate.periodicity = static_cast<float>(std::clamp(1.0 - cmnd_[tau], 0.0, 1.0));
    const double a = diff_[tau - 1], b = diff_[tau], c = diff_[tau + 1];
    const double curvature = a - 2.0 * b + c;
    const double shift = curvature > 0.0 ? std::clamp(0.5 * (a - c) / curvature, -1.0, 1.0) : 0.0;
    const double f0_hz = rate_hz_ / (static_cast<double>(tau) + shift);
    estimate.voiced = cmnd_[tau] < options_.voicing_threshold &&
                      f0_hz >= options_.min_f0_hz * 0.97 && f0_hz <= options_.max_f0_hz * 1.03;
    estimate.f0_hz = estimate.voiced ? static_cast<float>(f0_hz) : 0.0f;
    return estimate;
  }

  PitchOptions options_;
  int rate_hz_;
  std::size_t tau_min_;
  std::size_t tau_max_;
  std::size_t window_;
  RealFft fft_;
  std::vector<std::complex<float>> window_spectrum_;
  std::vector<double> energy_prefix_;
  std::vector<double> diff_;
  std::vector<double> cmnd_;
};

// Calls fn(first, last) for each maximal run [first, last) of voiced frames.
template <typename Fn>
void for_each_voiced_run(const std::vector<float>& f0_hz, Fn fn) {
  std::size_t i = 0;
  while (i < f0_hz.size()) {
    if (f0_hz[i] <= 0.0f) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < f0_hz.size() && f0_hz[end] > 0.0f) ++end;
    fn(i, end);
    i = end;
  }
}

void drop_short_runs(PitchTrack& track, std::size_t min_frames) {
  for_each_voiced_run(track.f0_hz, [&](std::size_t first, std::size_t last) {
    if (last - first >= min_frames) return;
    std::fill(track.f0_hz.begin() + first, track.f0_hz.begin() + last, 0.0f);
  });
}

// Running median inside each voiced run removes single-frame octave slips.
void median_smooth(std::vector<float>& f0_hz, int width) {
  if (width <= 1) return;
  const std::size_t half = static_cast<std::size_t>(width / 2);
  const std::vector<float> original = f0_hz;
  std::vector<float> window;
  for_each_voiced_run(original, [&](std::size_t first, std::size_t last) {
    for (std::size_t i = first; i < last; ++i) {
      const std::size_t lo = i >= first + half ? i - half : first;
      const std::size_t hi = std::min(last, i + half + 1);
      window.assign(original.begin() + lo, original.begin() + hi);
      std::nth_element(window.begin(), window.begin() + window.size() / 2, window.end());
      f0_hz[i] = window[window.size() / 2];
    }
  });
}

}  // namespace

PitchTrack track_pitch(const Audio& audio, const PitchOptions& options) {
  check_options(audio, options);
  PitchTrack track;
  track.hop_s = options.hop_s;
  if (audio.samples.empty()) return track;

  // Decimating first: the search cost scales with rate squared (window and lag range).
  const int rate_hz = std::min(audio.rate_hz, options.analysis_rate_hz);
  std::vector<float> signal = resample(audio.samples, audio.rate_hz, rate_hz, ResampleQuality::low);
  if (options.lowpass_hz > 0.0 && options.lowpass_hz < rate_hz / 2.0) {
    filter_in_place(signal, butterworth_lowpass(4, options.lowpass_hz, rate_hz));
  }
  YinAnalyser yin(rate_hz, options);
  const std::size_t length = yin.segment_length();
  // Zero padding of one segment on both sides lets every frame read a full segment.
  std::vector<float> padded(signal.size() + 2 * length, 0.0f);
  std::copy(signal.begin(), signal.end(), padded.begin() + length);

  const auto frames = static_cast<std::size_t>(std::floor(audio.duration_s() / options.hop_s + 1e-9)) + 1;
  track.f0_hz.resize(frames);
  track.periodicity.resize(frames);
  for (std::size_t i = 0; i < frames; ++i) {
    const auto centre = static_cast<std::size_t>(std::lround(i * options.hop_s * rate_hz));
    const FrameEstimate estimate = yin.analyse(padded.data() + length + centre - length / 2);
    track.f0_hz[i] = estimate.f0_hz;
    track.periodicity[i] = estimate.periodicity;
  }
  drop_short_runs(track, static_cast<std::size_t>(std::lround(options.min_voiced_run_s / options.hop_s)));
  median_smooth(track.f0_hz, options.median_frames);
  return track;
}

double voiced_fraction(const PitchTrack& track) {
  if (track.f0_hz.empty()) return 0.0;
  const auto voiced = std::count_if(track.f0_hz.begin(), track.f0_hz.end(), [](float f) { return f > 0.0f; });
  return static_cast<double>(voiced) / static_cast<double>(track.f0_hz.size());
}

double median_voiced_f0_hz(const PitchTrack& track) {
  std::vector<float> voiced;
  for (float f : track.f0_hz) {
    if (f > 0.0f) voiced.push_back(f);
  }
  if (voiced.empty()) return 0.0;
  std::nth_element(voiced.begin(), voiced.begin() + voiced.size() / 2, voiced.end());
  return voiced[voiced.size() / 2];
}

}  // namespace echoes::audio
