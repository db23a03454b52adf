#include "eval/speaker_features.h"

#include <algorithm>
#include <cmath>

#include "audio/resample.h"
#include "common/error.h"

namespace echoes::eval {
namespace {

audio::MfccOptions mfcc_options(const SpeakerFeatureOptions& o) {
  audio::MfccOptions m;
  m.mel_bands = o.mel_bands;
  m.coefficients = o.cepstra;
  m.low_hz = o.low_hz;
  m.high_hz = o.high_hz;
  return m;
}

// Regression deltas (HTK formula) of coefficients 1..K-1 of every frame.
std::vector<float> deltas(const audio::MfccMatrix& m, int half_window) {
  const std::size_t dims = m.coefficients - 1;
  std::vector<float> out(m.frames * dims, 0.0f);
  if (half_window <= 0) return out;
  double norm = 0.0;
  for (int k = 1; k <= half_window; ++k) norm += 2.0 * k * k;
  const auto last = static_cast<long>(m.frames) - 1;
  for (std::size_t t = 0; t < m.frames; ++t) {
    for (int k = 1; k <= half_window; ++k) {
      const auto ahead = static_cast<std::size_t>(std::min<long>(static_cast<long>(t) + k, last));
      const auto behind = static_cast<std::size_t>(std::max<long>(static_cast<long>(t) - k, 0));
      for (std::size_t d = 0; d < dims; ++d) {
        out[t * dims + d] += static_cast<float>(k * (m.at(ahead, d + 1) - m.at(behind, d + 1)) / norm);
      }
    }
  }
  return out;
}

// Frames loud enough to be speech: c0 / sqrt(bands) is the mean natural-log band power.
std::vector<std::size_t> speech_frames(const audio::MfccMatrix& m, const SpeakerFeatureOptions& o) {
  std::vector<float> energy(m.frames);
  for (std::size_t t = 0; t < m.frames; ++t) energy[t] = m.at(t, 0);
  std::vector<float> sorted = energy;
  const std::size_t k = static_cast<std::size_t>(0.95 * (sorted.size() - 1));
  std::nth_element(sorted.begin(), sorted.begin() + k, sorted.end());
  const double range_c0 = o.speech_range_db / 10.0 * std::log(10.0) * std::sqrt(o.mel_bands);
  // Digital silence sits at the MFCC energy floor (1e-10); stay 10 dB clear of it.
  const double floor_c0 = (std::log(1e-10) + std::log(10.0)) * std::sqrt(o.mel_bands);
  const double threshold = std::max(sorted[k] - range_c0, floor_c0);
  std::vector<std::size_t> kept;
  for (std::size_t t = 0; t < m.frames; ++t) {
    if (energy[t] >= threshold) kept.push_back(t);
  }
  return kept;
}

void subtract_static_means(FeatureMatrix& f, std::size_t statics) {
  if (f.frames == 0) return;
  std::vector<double> mean(statics, 0.0);
  for (std::size_t t = 0; t < f.frames; ++t) {
    for (std::size_t d = 0; d < statics; ++d) mean[d] += f.values[t * f.dims + d];
  }
  for (double& v : mean) v /= static_cast<double>(f.frames);
  for (std::size_t t = 0; t < f.frames; ++t) {
    for (std::size_t d = 0; d < statics; ++d) f.values[t * f.dims + d] -= static_cast<float>(mean[d]);
  }
}

}  // namespace

FeatureMatrix speaker_features(const audio::Audio& input, const SpeakerFeatureOptions& options) {
  if (options.cepstra < 2 || options.analysis_rate_hz <= 0 || options.speech_range_db <= 0.0) {
    throw Error(error_code::kInvalidArgument,
                "Speaker feature options are inconsistent: need at least 2 cepstra, a positive "
                "analysis rate and a positive speech range.");
  }
  FeatureMatrix out;
  if (input.samples.empty()) return out;
  if (input.rate_hz <= 0) throw Error(error_code::kInvalidArgument, "The audio has no valid sample rate.");
  audio::Audio analysed{audio::resample(input.samples, input.rate_hz, options.analysis_rate_hz),
                        options.analysis_rate_hz};
  const audio::MfccMatrix m = audio::compute_mfcc(analysed, mfcc_options(options));
  if (m.frames == 0) return out;

  const std::size_t statics = m.coefficients - 1;
  const bool with_deltas = options.delta_half_window > 0;
  const std::vector<float> d = deltas(m, options.delta_half_window);
  out.dims = statics * (with_deltas ? 2 : 1);
  for (std::size_t t : speech_frames(m, options)) {
    for (std::size_t k = 1; k < m.coefficients; ++k) out.values.push_back(m.at(t, k));
    if (with_deltas) out.values.insert(out.values.end(), d.begin() + t * statics, d.begin() + (t + 1) * statics);
    ++out.frames;
  }
  if (options.mean_normalize) subtract_static_means(out, statics);
  return out;
}

}  // namespace echoes::eval
