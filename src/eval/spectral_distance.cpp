#include "eval/spectral_distance.h"

#include <algorithm>
#include <cmath>

#include "audio/mfcc.h"
#include "audio/resample.h"
#include "common/error.h"
#include "eval/dtw.h"

namespace echoes::eval {
namespace {

// c1..c(K-1) of the frames between the first and last frame within trim_range_db of the
// loudest (95th percentile) frame.
FeatureMatrix trimmed_cepstra(const audio::Audio& input, const SpectralDistanceOptions& o) {
  if (input.samples.empty() || input.rate_hz <= 0) {
    throw Error(error_code::kNoSpeech, "A clip to compare has no audio.");
  }
  const audio::Audio analysed{audio::resample(input.samples, input.rate_hz, o.analysis_rate_hz), o.analysis_rate_hz};
  audio::MfccOptions mo;
  mo.mel_bands = o.mel_bands;
  mo.coefficients = o.cepstra;
  mo.high_hz = o.high_hz;
  const audio::MfccMatrix m = audio::compute_mfcc(analysed, mo);
  std::vector<float> c0(m.frames);
  for (std::size_t t = 0; t < m.frames; ++t) c0[t] = m.at(t, 0);
  std::vector<float> sorted = c0;
  const std::size_t k = static_cast<std::size_t>(0.95 * (sorted.size() - 1));
  std::nth_element(sorted.begin(), sorted.begin() + k, sorted.end());
  const double floor_c0 = (std::log(1e-10) + std::log(10.0)) * std::sqrt(o.mel_bands);
  const double threshold = std::max(sorted[k] - o.trim_range_db / 10.0 * std::log(10.0) * std::sqrt(o.mel_bands), floor_c0);
  std::size_t first = 0, last = m.frames;
  while (first < m.frames && c0[first] < threshold) ++first;
  while (last > first && c0[last - 1] < threshold) --last;
  if (first >= last) throw Error(error_code::kNoSpeech, "A clip to compare has no speech.");
  FeatureMatrix out;
  out.dims = m.coefficients - 1;
  for (std::size_t t = first; t < last; ++t) {
    for (std::size_t c = 1; c < m.coefficients; ++c) out.values.push_back(m.at(t, c));
    ++out.frames;
  }
  return out;
}

double semitones(double ratio) { return 12.0 * std::log2(ratio); }

double quantile(std::vector<float> v, double q) {
  const auto k = static_cast<std::size_t>(q * (v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

F0Statistics statistics_of(const std::vector<float>& voiced, std::size_t all_frames) {
  F0Statistics s;
  s.voiced_frames = voiced.size();
  s.voiced_fraction = all_frames ? static_cast<double>(voiced.size()) / all_frames : 0.0;
  if (voiced.empty()) return s;
  s.median_hz = quantile(voiced, 0.5);
  s.range_st = semitones(quantile(voiced, 0.9) / quantile(voiced, 0.1));
  return s;
}

}  // namespace

SpectralDistance mel_cepstral_distortion(const audio::Audio& reference, const audio::Audio& test,
                                         const SpectralDistanceOptions& options) {
  const FeatureMatrix a = trimmed_cepstra(reference, options);
  const FeatureMatrix b = trimmed_cepstra(test, options);
  const DtwPath path = dtw_align(a, b);
  SpectralDistance out;
  out.path_frames = path.pairs.size();
  out.duration_ratio = static_cast<double>(b.frames) / a.frames;
  // The path's frame distances are Euclidean norms of c1..cK differences.
  const double mean_norm = path.total_distance / path.pairs.size();
  out.mcd_db = 10.0 / std::log(10.0) * mean_norm / std::sqrt(static_cast<double>(options.mel_bands)) / 2.0;
  return out;
}

F0Statistics f0_statistics(const audio::Audio& audio, const audio::PitchOptions& options) {
  return f0_statistics(std::vector<audio::Audio>{audio}, options);
}

F0Statistics f0_statistics(const std::vector<audio::Audio>& clips, const audio::PitchOptions& options) {
  std::vector<float> voiced;
  std::size_t frames = 0;
  for (const audio::Audio& clip : clips) {
    const audio::PitchTrack track = audio::track_pitch(clip, options);
    frames += track.f0_hz.size();
    for (float f : track.f0_hz) {
      if (f > 0.0f) voiced.push_back(f);
    }
  }
  return statistics_of(voiced, frames);
}

F0Comparison compare_f0(const F0Statistics& reference, const F0Statistics& test) {
  F0Comparison c;
  if (reference.voiced_frames == 0 || test.voiced_frames == 0) return c;
  c.comparable = true;
  c.median_difference_st = semitones(test.median_hz / reference.median_hz);
  c.range_difference_st = test.range_st - reference.range_st;
  c.voiced_fraction_difference = test.voiced_fraction - reference.voiced_fraction;
  return c;
}

}  // namespace echoes::eval
