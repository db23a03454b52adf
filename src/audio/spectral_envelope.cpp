#include "audio/spectral_envelope.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "common/error.h"

namespace echoes::audio {
namespace {

std::vector<float> hann(std::size_t n) {
  std::vector<float> w(n);
  for (std::size_t i = 0; i < n; ++i) w[i] = float(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * double(i) / double(n)));
  return w;
}

/// Loads the windowed frame [start, start + n) of `samples` (zeros outside) into `out`.
void load_frame(std::span<const float> samples, long start, std::span<const float> window, std::span<float> out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    const long j = start + long(i);
    out[i] = j >= 0 && j < long(samples.size()) ? samples[std::size_t(j)] * window[i] : 0.0f;
  }
}

/// Replaces bins from `first_bin` on with noise of log magnitude reference + shape[k], where
/// reference is the mean of `log_target` over [reference_bin, first_bin). sqrt(8/3): a
/// random-phase frame spreads its energy over the whole frame, a Hann-windowed signal
/// concentrates it, and the synthesis window then keeps 3/8 of the spread energy.
void extend_band(std::span<std::complex<float>> spectrum, std::span<const float> log_target, std::size_t reference_bin,
                 std::size_t first_bin, std::span<const float> shape, std::minstd_rand& random) {
  if (first_bin <= reference_bin || first_bin >= spectrum.size()) return;
  double reference = 0.0;
  for (std::size_t k = reference_bin; k < first_bin; ++k) reference += log_target[k];
  reference /= double(first_bin - reference_bin);
  std::uniform_real_distribution<float> phase(0.0f, float(2.0 * std::numbers::pi));
  const float spread = std::sqrt(8.0f / 3.0f);
  for (std::size_t k = first_bin; k < spectrum.size(); ++k) {
    const float magnitude = spread * std::exp(float(reference) + (k < shape.size() ? shape[k] : 0.0f));
    spectrum[k] = std::polar(magnitude, phase(random));
  }
}

}  // namespace

EnvelopeAnalyzer::EnvelopeAnalyzer(const EnvelopeOptions& options)
    : options_(options), fft_(options.fft_size), window_(hann(options.fft_size)) {
  if (options.fft_size < 64 || options.fft_size % 2 != 0 || options.lifter < 1 || options.lifter >= options.fft_size / 2) {
    throw Error(error_code::kInvalidArgument, "Envelope options are inconsistent: need an even FFT size >= 64 and 1 <= lifter < size / 2.");
  }
}

void EnvelopeAnalyzer::log_envelope(std::span<const float> samples, long start, std::vector<float>& out) {
  load_frame(samples, start, window_, fft_.time());
  fft_.forward();
  out.resize(bins());
  const auto spectrum = fft_.spectrum();
  for (std::size_t k = 0; k < out.size(); ++k) out[k] = std::log(std::max(std::abs(spectrum[k]), options_.floor));
  smooth(out);
}

// Real cepstrum by an inverse FFT of the (even, real) log spectrum, low quefrencies kept,
// back to a log spectrum by a forward FFT.
void EnvelopeAnalyzer::smooth(std::vector<float>& log_magnitude) {
  const std::size_t n = options_.fft_size;
  auto spectrum = fft_.spectrum();
  for (std::size_t k = 0; k < spectrum.size(); ++k) spectrum[k] = {log_magnitude[k], 0.0f};
  fft_.inverse();
  auto cepstrum = fft_.time();
  const float scale = 1.0f / float(n);
  for (std::size_t q = 0; q < n; ++q) {
    const bool keep = q < options_.lifter || q > n - options_.lifter;
    cepstrum[q] = keep ? cepstrum[q] * scale : 0.0f;
  }
  fft_.forward();
  for (std::size_t k = 0; k < log_magnitude.size(); ++k) log_magnitude[k] = fft_.spectrum()[k].real();
}

std::vector<float> warp_log_envelope(std::span<const float> log_envelope, double warp) {
  std::vector<float> out(log_envelope.size());
  if (log_envelope.empty()) return out;
  const double last = double(log_envelope.size() - 1);
  for (std::size_t k = 0; k < out.size(); ++k) {
    const double x = std::min(double(k) / warp, last);
    const auto i = std::size_t(x);
    const double f = x - double(i);
    const float next = log_envelope[std::min(i + 1, log_envelope.size() - 1)];
    out[k] = float((1.0 - f) * log_envelope[i] + f * next);
  }
  return out;
}

Audio apply_envelope_mapping(const Audio& audio, const EnvelopeMapping& mapping,
                             const std::function<std::size_t(double time_s)>& curve_at,
                             const EnvelopeOptions& options, double max_change_db) {
  EnvelopeAnalyzer analyzer(options);
  RealFft fft(options.fft_size);
  const std::vector<float> window = hann(options.fft_size);
  const std::size_t n = options.fft_size, hop = n / 4, bins = n / 2 + 1;
  const float max_change = float(max_change_db / 20.0 * std::numbers::ln10);
  // Hann analysis x Hann synthesis at hop n/4 sums to 1.5; the inverse FFT scales by n.
  const float norm = 1.0f / (1.5f * float(n));
  Audio out{std::vector<float>(audio.samples.size() + n, 0.0f), audio.rate_hz};
  std::vector<float> envelope;
  const double bin_hz = double(audio.rate_hz) / double(n);
  const bool extend = mapping.extend_from_hz > 0.0 && !mapping.high_bands.empty();
  const auto extend_bin = std::size_t(mapping.extend_from_hz / bin_hz);
  const auto reference_bin = std::size_t(mapping.reference_low_hz / bin_hz);
  std::minstd_rand random(1);  // fixed seed: the same input always gives the same output
  for (long start = -long(n) / 2; start < long(audio.samples.size()); start += long(hop)) {
    analyzer.log_envelope(audio.samples, start, envelope);
    const std::vector<float> target = warp_log_envelope(envelope, mapping.warp);
    const double centre_s = double(start + long(n / 2)) / audio.rate_hz;
    const std::size_t curve = mapping.log_gains.size() > 1 && curve_at ? std::min(curve_at(centre_s), mapping.log_gains.size() - 1) : 0;
    const std::vector<float>* gain = mapping.log_gains.empty() ? nullptr : &mapping.log_gains[curve];
    load_frame(audio.samples, start, window, fft.time());
    fft.forward();
    auto spectrum = fft.spectrum();
    for (std::size_t k = 0; k < bins; ++k) {
      const float extra = gain && k < gain->size() ? (*gain)[k] : 0.0f;
      const float change = std::clamp(target[k] + extra - envelope[k], -max_change, max_change);
      spectrum[k] *= std::exp(change);
    }
    if (extend) {
      std::vector<float> mapped = target;
      for (std::size_t k = 0; k < bins && gain && k < gain->size(); ++k) mapped[k] += (*gain)[k];
      extend_band(spectrum, mapped, reference_bin, extend_bin, mapping.high_bands[std::min(curve, mapping.high_bands.size() - 1)], random);
    }
    fft.inverse();
    const auto frame = fft.time();
    for (std::size_t i = 0; i < n; ++i) {
      const long j = start + long(i) + long(n);  // out is shifted by n so early frames fit
      if (j >= 0 && j < long(out.samples.size())) out.samples[std::size_t(j)] += frame[i] * window[i] * norm;
    }
  }
  out.samples.erase(out.samples.begin(), out.samples.begin() + long(n));
  out.samples.resize(audio.samples.size());
  return out;
}

}  // namespace echoes::audio
