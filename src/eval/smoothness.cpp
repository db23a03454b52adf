#include "eval/smoothness.h"

#include <algorithm>
#include <cmath>

#include "audio/frames.h"
#include "audio/mfcc.h"
#include "audio/resample.h"

namespace echoes::eval {
namespace {

audio::Audio at_rate(const audio::Audio& clip, int rate_hz) {
  if (clip.rate_hz == rate_hz) return clip;
  return {audio::resample(clip.samples, clip.rate_hz, rate_hz), rate_hz};
}

/// Normalised autocorrelation of x[0..window) against x[lag..lag+window) over the lag range;
/// returns the highest peak and the shortest lag reaching 0.9 of it (octave errors upward
/// are the usual failure of a plain argmax).
struct LagPeak {
  double peak = 0.0;
  int lag = 0;
};

LagPeak autocorrelation_peak(const std::vector<double>& x, int window, int min_lag, int max_lag) {
  double e0 = 0.0;
  for (int n = 0; n < window; ++n) e0 += x[n] * x[n];
  std::vector<double> r(std::size_t(max_lag + 1), 0.0);
  double e_lag = 0.0;
  for (int n = min_lag; n < min_lag + window; ++n) e_lag += x[n] * x[n];
  double best = 0.0;
  for (int lag = min_lag; lag <= max_lag; ++lag) {
    if (lag > min_lag) e_lag += x[lag + window - 1] * x[lag + window - 1] - x[lag - 1] * x[lag - 1];
    double dot = 0.0;
    for (int n = 0; n < window; ++n) dot += x[n] * x[n + lag];
    const double denominator = std::sqrt(std::max(e0 * e_lag, 1e-30));
    r[lag] = dot / denominator;
    best = std::max(best, r[lag]);
  }
  LagPeak out{best, 0};
  for (int lag = min_lag + 1; lag < max_lag; ++lag) {
    const bool local_max = r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1];
    if (local_max && r[lag] >= 0.9 * best) {
      out.lag = lag;
      break;
    }
  }
  if (out.lag == 0) out.lag = int(std::max_element(r.begin() + min_lag, r.end()) - r.begin());
  return out;
}

double percentile(std::vector<float> values, double p) {
  if (values.empty()) return 0.0;
  const auto k = std::size_t(std::clamp(p, 0.0, 1.0) * double(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
  return values[k];
}

std::vector<float> frame_levels_db(const std::vector<float>& s, std::size_t frames, int hop, int window) {
  std::vector<float> out(frames);
  for (std::size_t i = 0; i < frames; ++i) {
    const long start = long(i) * hop - window / 2;
    double sum = 0.0;
    for (int n = 0; n < window; ++n) {
      const long k = start + n;
      if (k >= 0 && k < long(s.size())) sum += double(s[std::size_t(k)]) * s[std::size_t(k)];
    }
    out[i] = float(audio::power_to_db(sum / window));
  }
  return out;
}

/// Counts spectral jumps between adjacent speech frames (MFCC c1..c12).
std::size_t count_spectral_jumps(const audio::Audio& clip, const PeriodicityTrack& track, const SmoothnessOptions& o) {
  audio::MfccOptions mfcc_options;
  mfcc_options.hop_s = o.hop_s;
  mfcc_options.coefficients = 13;
  const audio::MfccMatrix mfcc = audio::compute_mfcc(clip, mfcc_options);
  const std::size_t frames = std::min(mfcc.frames, track.speech.size());
  std::size_t jumps = 0;
  for (std::size_t i = 1; i < frames; ++i) {
    if (!track.speech[i] || !track.speech[i - 1]) continue;
    double sum = 0.0;
    for (std::size_t k = 1; k < 13; ++k) {
      const double d = mfcc.at(i, k) - mfcc.at(i - 1, k);
      sum += d * d;
    }
    if (std::sqrt(sum) > o.spectral_jump_distance) ++jumps;
  }
  return jumps;
}

/// Adds one clip's counts to `total` and its speech frames' peaks to `peaks`.
void accumulate(const audio::Audio& clip, const SmoothnessOptions& o, Smoothness& total, std::vector<float>& peaks) {
  const audio::Audio resampled = at_rate(clip, o.analysis_rate_hz);
  const PeriodicityTrack track = track_periodicity(resampled, o);
  bool in_run = false;
  for (std::size_t i = 0; i < track.speech.size(); ++i) {
    if (track.speech[i]) {
      total.speech_s += o.hop_s;
      peaks.push_back(track.peak[i]);
    }
    if (track.voiced[i]) {
      total.voiced_s += o.hop_s;
      if (!in_run) ++total.voiced_runs;
      if (i > 0 && track.voiced[i - 1] &&
          std::abs(12.0 * std::log2(double(track.f0_hz[i]) / track.f0_hz[i - 1])) > o.f0_jump_semitones) {
        ++total.f0_jumps;
      }
    }
    in_run = track.voiced[i];
  }
  total.spectral_jumps += count_spectral_jumps(resampled, track, o);
}

}  // namespace

PeriodicityTrack track_periodicity(const audio::Audio& input, const SmoothnessOptions& o) {
  PeriodicityTrack track;
  track.hop_s = o.hop_s;
  if (input.empty()) return track;
  const audio::Audio clip = at_rate(input, o.analysis_rate_hz);
  const int rate = clip.rate_hz;
  const int hop = std::max(1, int(std::lround(o.hop_s * rate)));
  const int window = std::max(8, int(std::lround(o.frame_s * rate)));
  const int min_lag = std::max(2, int(std::floor(rate / o.max_f0_hz)));
  const int max_lag = std::max(min_lag + 2, int(std::ceil(rate / o.min_f0_hz)));
  const std::size_t frames = clip.samples.size() / std::size_t(hop) + 1;
  const std::vector<float> level_db = frame_levels_db(clip.samples, frames, hop, window);
  const double loud_db = percentile(level_db, 0.95);
  track.speech.assign(frames, false);
  track.voiced.assign(frames, false);
  track.peak.assign(frames, 0.0f);
  track.f0_hz.assign(frames, 0.0f);
  std::vector<double> x(std::size_t(window + max_lag + 1));
  for (std::size_t i = 0; i < frames; ++i) {
    if (level_db[i] < loud_db - o.speech_range_db || level_db[i] < -90.0) continue;
    track.speech[i] = true;
    const long start = long(i) * hop - window / 2;
    double mean = 0.0;
    for (std::size_t n = 0; n < x.size(); ++n) {
      const long k = start + long(n);
      x[n] = k >= 0 && k < long(clip.samples.size()) ? clip.samples[std::size_t(k)] : 0.0;
      mean += x[n];
    }
    mean /= double(x.size());
    for (double& v : x) v -= mean;
    const LagPeak peak = autocorrelation_peak(x, window, min_lag, max_lag);
    track.peak[i] = float(std::max(0.0, peak.peak));
    if (peak.peak >= o.voicing_threshold) {
      track.voiced[i] = true;
      track.f0_hz[i] = float(double(rate) / peak.lag);
    }
  }
  return track;
}

Smoothness measure_smoothness(const std::vector<audio::Audio>& clips, const SmoothnessOptions& options) {
  Smoothness total;
  std::vector<float> peaks;
  for (const audio::Audio& clip : clips) {
    if (!clip.empty()) accumulate(clip, options, total, peaks);
  }
  total.median_periodicity = percentile(peaks, 0.5);
  if (total.voiced_runs > 0) total.mean_voiced_run_s = total.voiced_s / double(total.voiced_runs);
  if (total.speech_s > 0) total.spectral_jumps_per_s = double(total.spectral_jumps) / total.speech_s;
  if (total.voiced_s > 0) total.f0_jumps_per_s = double(total.f0_jumps) / total.voiced_s;
  return total;
}

Smoothness measure_smoothness(const audio::Audio& clip, const SmoothnessOptions& options) {
  return measure_smoothness(std::vector<audio::Audio>{clip}, options);
}

}  // namespace echoes::eval
