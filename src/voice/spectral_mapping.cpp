#include "voice/spectral_mapping.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace echoes::voice {
namespace {

constexpr double kNepersToDb = 20.0 / std::numbers::ln10;

/// Phones compared for the warp and the bins of the band [low_hz, high_hz].
struct Comparison {
  std::vector<std::vector<float>> source, target;  ///< per compared vowel
  std::size_t first_bin = 0, last_bin = 0;          ///< inclusive band
};

Comparison vowels_in_common(const PhoneEnvelopes& source, const PhoneEnvelopes& target, int rate_hz,
                            const SpectralMappingOptions& o) {
  Comparison c;
  const double bin_hz = double(rate_hz) / double(o.envelope.fft_size);
  c.first_bin = std::size_t(o.low_hz / bin_hz);
  c.last_bin = std::min(std::size_t(o.high_hz / bin_hz), o.envelope.fft_size / 2);
  for (int p = 1; p < kPhoneCount; ++p) {
    const auto id = PhoneId(p);
    if (!is_vowel_id(id) || source.frames(id) < o.min_frames_per_phone || target.frames(id) < o.min_frames_per_phone) continue;
    c.source.push_back(source.mean(id));
    c.target.push_back(target.mean(id));
  }
  return c;
}

/// Per vowel, target - warped source over all bins.
std::vector<std::vector<float>> differences(const Comparison& c, double warp) {
  std::vector<std::vector<float>> d;
  for (std::size_t v = 0; v < c.source.size(); ++v) {
    std::vector<float> diff = audio::warp_log_envelope(c.source[v], warp);
    for (std::size_t k = 0; k < diff.size(); ++k) diff[k] = c.target[v][k] - diff[k];
    d.push_back(std::move(diff));
  }
  return d;
}

std::vector<float> mean_of(const std::vector<std::vector<float>>& rows) {
  std::vector<float> m(rows.empty() ? 0 : rows[0].size(), 0.0f);
  for (const auto& r : rows) {
    for (std::size_t k = 0; k < m.size(); ++k) m[k] += r[k] / float(rows.size());
  }
  return m;
}

/// RMS (dB) of what the differences do not share, over the band: small when, after the
/// warp, every vowel differs from the target's in the same way (one EQ explains it).
double residual_db(const Comparison& c, double warp) {
  const auto d = differences(c, warp);
  const auto common = mean_of(d);
  double sum2 = 0.0;
  std::size_t n = 0;
  for (const auto& row : d) {
    for (std::size_t k = c.first_bin; k <= c.last_bin; ++k, ++n) sum2 += double(row[k] - common[k]) * (row[k] - common[k]);
  }
  return n ? kNepersToDb * std::sqrt(sum2 / double(n)) : 0.0;
}

std::vector<float> smoothed(const std::vector<float>& curve, std::size_t half_width, float limit) {
  std::vector<float> out(curve.size());
  for (std::size_t k = 0; k < curve.size(); ++k) {
    const std::size_t a = k > half_width ? k - half_width : 0, b = std::min(curve.size() - 1, k + half_width);
    double sum = 0.0;
    for (std::size_t j = a; j <= b; ++j) sum += curve[j];
    out[k] = std::clamp(float(sum / double(b - a + 1)), -limit, limit);
  }
  return out;
}

/// Gain curve over the phones `in_curve` accepts: mean target - warped source over those
/// present in both voices, smoothed and clamped; above the band it holds the value at the
/// band's edge (the source has little energy there to compare). Empty when none is present.
template <typename Accept>
std::vector<float> gain_curve(const PhoneEnvelopes& source, const PhoneEnvelopes& target, const Accept& in_curve,
                              double warp, std::size_t last_bin, double bin_hz, const SpectralMappingOptions& o) {
  std::vector<std::vector<float>> d;
  for (int p = 1; p < kPhoneCount; ++p) {
    const auto id = PhoneId(p);
    if (!in_curve(id) || source.frames(id) < o.min_frames_per_phone || target.frames(id) < o.min_frames_per_phone) continue;
    std::vector<float> diff = audio::warp_log_envelope(source.mean(id), warp);
    const auto t = target.mean(id);
    for (std::size_t k = 0; k < diff.size(); ++k) diff[k] = t[k] - diff[k];
    d.push_back(std::move(diff));
  }
  if (d.empty()) return {};
  std::vector<float> gain = mean_of(d);
  for (std::size_t k = last_bin + 1; k < gain.size(); ++k) gain[k] = gain[last_bin];
  const auto half_width = std::size_t(o.gain_smoothing_hz / bin_hz / 2.0);
  return smoothed(gain, half_width, float(o.max_gain_db / kNepersToDb));
}

/// The target's mean envelope above extend_from_hz relative to its mean over the reference
/// band, over the phones `in_curve` accepts that the target has; smoothed. Empty when none.
template <typename Accept>
std::vector<float> high_band_shape(const PhoneEnvelopes& target, const Accept& in_curve, double bin_hz,
                                   const SpectralMappingOptions& o) {
  const auto reference_bin = std::size_t(o.reference_low_hz / bin_hz), first_bin = std::size_t(o.extend_from_hz / bin_hz);
  std::vector<std::vector<float>> shapes;
  for (int p = 1; p < kPhoneCount; ++p) {
    const auto id = PhoneId(p);
    if (!in_curve(id) || target.frames(id) < o.min_frames_per_phone) continue;
    std::vector<float> shape = target.mean(id);
    if (first_bin <= reference_bin || first_bin >= shape.size()) return {};
    double reference = 0.0;
    for (std::size_t k = reference_bin; k < first_bin; ++k) reference += shape[k];
    reference /= double(first_bin - reference_bin);
    for (float& v : shape) v = float(v - reference);
    shapes.push_back(std::move(shape));
  }
  if (shapes.empty()) return {};
  return smoothed(mean_of(shapes), std::size_t(o.gain_smoothing_hz / bin_hz / 2.0), float(o.max_gain_db * 3.0 / kNepersToDb));
}

}  // namespace

std::size_t mapping_curve(PhoneId phone) { return std::size_t(phone_class(phone)); }

PhoneEnvelopes::PhoneEnvelopes(const SpectralMappingOptions& options) : options_(options), analyzer_(options.envelope) {}

void PhoneEnvelopes::add_phone(std::span<const float> samples, int rate_hz, PhoneId phone, double start_s, double end_s) {
  if (phone == kPause || phone >= kPhoneCount || full(phone) || end_s <= start_s) return;
  const double trim_s = (end_s - start_s) * (1.0 - options_.phone_core) / 2.0;
  auto& sum = sum_[phone];
  if (sum.empty()) sum.assign(analyzer_.bins(), 0.0);
  const long half = long(options_.envelope.fft_size / 2);
  for (double t = start_s + trim_s; t <= end_s - trim_s && !full(phone); t += options_.frame_step_s) {
    analyzer_.log_envelope(samples, std::lround(t * rate_hz) - half, frame_);
    for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += frame_[k];
    ++count_[phone];
  }
}

std::vector<float> PhoneEnvelopes::mean(PhoneId phone) const {
  if (phone >= kPhoneCount || count_[phone] == 0) return {};
  std::vector<float> m(sum_[phone].size());
  for (std::size_t k = 0; k < m.size(); ++k) m[k] = float(sum_[phone][k] / count_[phone]);
  return m;
}

SpectralMapping estimate_spectral_mapping(const PhoneEnvelopes& source, const PhoneEnvelopes& target, int rate_hz,
                                          const SpectralMappingOptions& o) {
  SpectralMapping out;
  const Comparison c = vowels_in_common(source, target, rate_hz, o);
  out.phones_compared = int(c.source.size());
  if (c.source.empty()) return out;
  out.residual_unwarped_db = residual_db(c, 1.0);
  double best_warp = 1.0, best = out.residual_unwarped_db;
  for (double w = o.min_warp; w <= o.max_warp + 1e-9; w += o.warp_step) {
    const double r = residual_db(c, w);
    if (r < best) { best = r; best_warp = w; }
  }
  out.residual_db = best;
  out.envelope.warp = best_warp;
  const double bin_hz = double(rate_hz) / double(o.envelope.fft_size);
  // One curve per phone class; a class neither voice has takes the curve of all phones.
  const auto all = gain_curve(source, target, [](PhoneId) { return true; }, best_warp, c.last_bin, bin_hz, o);
  for (std::size_t curve = 0; curve < kMappingCurves; ++curve) {
    auto gain = gain_curve(source, target, [&](PhoneId p) { return mapping_curve(p) == curve; }, best_warp, c.last_bin, bin_hz, o);
    out.envelope.log_gains.push_back(gain.empty() ? all : std::move(gain));
  }
  if (o.extend_from_hz > 0.0 && o.extend_from_hz < 0.5 * rate_hz) {
    const auto all_high = high_band_shape(target, [](PhoneId) { return true; }, bin_hz, o);
    for (std::size_t curve = 0; curve < kMappingCurves && !all_high.empty(); ++curve) {
      auto shape = high_band_shape(target, [&](PhoneId p) { return mapping_curve(p) == curve; }, bin_hz, o);
      out.envelope.high_bands.push_back(shape.empty() ? all_high : std::move(shape));
    }
    out.envelope.extend_from_hz = out.envelope.high_bands.empty() ? 0.0 : o.extend_from_hz;
    out.envelope.reference_low_hz = o.reference_low_hz;
  }
  return out;
}

}  // namespace echoes::voice
