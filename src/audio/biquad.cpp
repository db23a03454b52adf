#include "audio/biquad.h"

#include <cmath>
#include <numbers>

#include "common/error.h"

namespace echoes::audio {
namespace {

struct Prototype {
  double cos_w0;
  double alpha;
};

Prototype prototype(double cutoff_hz, double rate_hz, double q) {
  if (!(cutoff_hz > 0.0 && cutoff_hz < rate_hz / 2.0 && q > 0.0)) {
    throw Error(error_code::kInvalidArgument,
                "A filter cutoff must lie between 0 and half the sample rate.");
  }
  const double w0 = 2.0 * std::numbers::pi * cutoff_hz / rate_hz;
  return {std::cos(w0), std::sin(w0) / (2.0 * q)};
}

Biquad normalised(double b0, double b1, double b2, double a0, double a1, double a2) {
  return {b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0};
}

// Q of each section of an even-order Butterworth: poles at angles (2k + 1) pi / (2 order).
std::vector<double> butterworth_qs(int order) {
  if (order <= 0 || order % 2 != 0) {
    throw Error(error_code::kInvalidArgument, "Butterworth filters here need an even order.");
  }
  std::vector<double> qs;
  for (int k = 0; k < order / 2; ++k) {
    qs.push_back(1.0 / (2.0 * std::cos((2.0 * k + 1.0) * std::numbers::pi / (2.0 * order))));
  }
  return qs;
}

}  // namespace

Biquad lowpass_biquad(double cutoff_hz, double rate_hz, double q) {
  const auto [c, alpha] = prototype(cutoff_hz, rate_hz, q);
  return normalised((1.0 - c) / 2.0, 1.0 - c, (1.0 - c) / 2.0, 1.0 + alpha, -2.0 * c, 1.0 - alpha);
}

Biquad highpass_biquad(double cutoff_hz, double rate_hz, double q) {
  const auto [c, alpha] = prototype(cutoff_hz, rate_hz, q);
  return normalised((1.0 + c) / 2.0, -(1.0 + c), (1.0 + c) / 2.0, 1.0 + alpha, -2.0 * c, 1.0 - alpha);
}

std::vector<Biquad> butterworth_lowpass(int order, double cutoff_hz, double rate_hz) {
  std::vector<Biquad> sections;
  for (double q : butterworth_qs(order)) sections.push_back(lowpass_biquad(cutoff_hz, rate_hz, q));
  return sections;
}

std::vector<Biquad> butterworth_highpass(int order, double cutoff_hz, double rate_hz) {
  std::vector<Biquad> sections;
  for (double q : butterworth_qs(order)) sections.push_back(highpass_biquad(cutoff_hz, rate_hz, q));
  return sections;
}

void filter_in_place(std::span<float> x, std::span<const Biquad> sections) {
  for (const Biquad& s : sections) {
    double z1 = 0.0, z2 = 0.0;
    for (float& v : x) {
      const double in = v;
      const double out = s.b0 * in + z1;
      z1 = s.b1 * in - s.a1 * out + z2;
      z2 = s.b2 * in - s.a2 * out;
      v = static_cast<float>(out);
    }
  }
}

}  // namespace echoes::audio
