#include "audio/mfcc.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "audio/fft.h"
#include "common/error.h"

namespace echoes::audio {
namespace {

double hz_to_mel(double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); }
double mel_to_hz(double mel) { return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0); }

double upper_edge_hz(const Audio& audio, const MfccOptions& o) {
  return o.high_hz > 0.0 ? o.high_hz : audio.rate_hz / 2.0;
}

void check_options(const Audio& audio, const MfccOptions& o) {
  const double high = upper_edge_hz(audio, o);
  const bool ok = audio.rate_hz > 0 && o.window_s > 0.0 && o.hop_s > 0.0 && o.mel_bands >= 1 &&
                  o.coefficients >= 1 && o.coefficients <= o.mel_bands && o.low_hz >= 0.0 &&
                  o.low_hz < high && high <= audio.rate_hz / 2.0 + 1e-9;
  if (!ok) {
    throw Error(error_code::kInvalidArgument,
                "MFCC options are inconsistent: need positive window and hop, 1 <= coefficients "
                "<= mel_bands and 0 <= low_hz < high_hz <= Nyquist.");
  }
}

// One sparse triangular filter: weights for FFT bins first .. first + weights.size() - 1.
struct MelFilter {
  std::size_t first_bin = 0;
  std::vector<float> weights;
};

std::vector<MelFilter> mel_filterbank(const Audio& audio, const MfccOptions& o, std::size_t fft_size) {
  const int bands = o.mel_bands;
  const double low_mel = hz_to_mel(o.low_hz);
  const double step = (hz_to_mel(upper_edge_hz(audio, o)) - low_mel) / (bands + 1);
  const double bin_hz = static_cast<double>(audio.rate_hz) / fft_size;
  std::vector<MelFilter> filters(bands);
  for (int m = 0; m < bands; ++m) {
    const double left = mel_to_hz(low_mel + m * step);
    const double centre = mel_to_hz(low_mel + (m + 1) * step);
    const double right = mel_to_hz(low_mel + (m + 2) * step);
    const auto first = static_cast<std::size_t>(std::ceil(left / bin_hz));
    filters[m].first_bin = first;
    for (std::size_t k = first; k * bin_hz < right && k <= fft_size / 2; ++k) {
      const double f = k * bin_hz;
      const double w = f <= centre ? (f - left) / (centre - left) : (right - f) / (right - centre);
      filters[m].weights.push_back(static_cast<float>(std::max(0.0, w)));
    }
  }
  return filters;
}

// Orthonormal DCT-II basis: row k, column m.
std::vector<float> dct_matrix(int coefficients, int bands) {
  std::vector<float> basis(static_cast<std::size_t>(coefficients) * bands);
  for (int k = 0; k < coefficients; ++k) {
    const double norm = std::sqrt((k == 0 ? 1.0 : 2.0) / bands);
    for (int m = 0; m < bands; ++m) {
      basis[static_cast<std::size_t>(k) * bands + m] =
          static_cast<float>(norm * std::cos(std::numbers::pi * k * (m + 0.5) / bands));
    }
  }
  return basis;
}

std::vector<float> hamming(std::size_t length) {
  std::vector<float> w(length);
  for (std::size_t n = 0; n < length; ++n) {
    w[n] = static_cast<float>(0.54 - 0.46 * std::cos(2.0 * std::numbers::pi * n / (length - 1 + (length == 1))));
  }
  return w;
}

// The signal zero-padded by `pad` on both sides, then pre-emphasised (so the filter also
// runs into the padding, exactly as if the recording were surrounded by silence).
std::vector<float> emphasised_padded(const std::vector<float>& x, double a, std::size_t pad) {
  std::vector<float> out(x.size() + 2 * pad, 0.0f);
  std::copy(x.begin(), x.end(), out.begin() + pad);
  for (std::size_t n = out.size() - 1; n > 0; --n) out[n] -= static_cast<float>(a) * out[n - 1];
  return out;
}

// Turns one window of samples into one row of coefficients; owns the FFT and the tables.
class MfccFrameAnalyser {
 public:
  MfccFrameAnalyser(const Audio& audio, const MfccOptions& o, std::size_t window_len)
      : options_(o),
        fft_(fft_size_for(window_len)),
        window_(hamming(window_len)),
        filters_(mel_filterbank(audio, o, fft_.size())),
        dct_(dct_matrix(o.coefficients, o.mel_bands)),
        power_(fft_.size() / 2 + 1),
        log_energy_(o.mel_bands) {}

  void analyse(const float* start, float* row) {
    power_spectrum(start);
    for (int m = 0; m < options_.mel_bands; ++m) {
      const MelFilter& f = filters_[m];
      double energy = 0.0;
      for (std::size_t j = 0; j < f.weights.size(); ++j) energy += f.weights[j] * power_[f.first_bin + j];
      log_energy_[m] = static_cast<float>(std::log(std::max(energy, options_.energy_floor)));
    }
    for (int k = 0; k < options_.coefficients; ++k) {
      const float* basis = dct_.data() + static_cast<std::size_t>(k) * options_.mel_bands;
      double sum = 0.0;
      for (int m = 0; m < options_.mel_bands; ++m) sum += basis[m] * log_energy_[m];
      row[k] = static_cast<float>(sum);
    }
  }

 private:
  static std::size_t fft_size_for(std::size_t window_len) {
    std::size_t size = 1;
    while (size < window_len) size *= 2;
    return size;
  }

  void power_spectrum(const float* start) {
    auto time = fft_.time();
    std::fill(time.begin() + window_.size(), time.end(), 0.0f);
    for (std::size_t n = 0; n < window_.size(); ++n) time[n] = start[n] * window_[n];
    fft_.forward();
    const auto spectrum = fft_.spectrum();
    for (std::size_t k = 0; k < power_.size(); ++k) power_[k] = std::norm(spectrum[k]);
  }

  MfccOptions options_;
  RealFft fft_;
  std::vector<float> window_;
  std::vector<MelFilter> filters_;
  std::vector<float> dct_;
  std::vector<float> power_;
  std::vector<float> log_energy_;
};

}  // namespace

MfccMatrix compute_mfcc(const Audio& audio, const MfccOptions& options) {
  check_options(audio, options);
  MfccMatrix out;
  out.hop_s = options.hop_s;
  out.coefficients = static_cast<std::size_t>(options.coefficients);
  if (audio.samples.empty()) return out;

  const auto window_len = std::max<std::size_t>(2, std::lround(options.window_s * audio.rate_hz));
  MfccFrameAnalyser analyser(audio, options, window_len);
  const std::vector<float> signal = emphasised_padded(audio.samples, options.preemphasis, window_len);
  out.frames = static_cast<std::size_t>(std::floor(audio.duration_s() / options.hop_s + 1e-9)) + 1;
  out.values.resize(out.frames * out.coefficients);
  for (std::size_t i = 0; i < out.frames; ++i) {
    const auto centre = static_cast<std::size_t>(std::lround(i * options.hop_s * audio.rate_hz));
    analyser.analyse(signal.data() + window_len + centre - window_len / 2,
                     out.values.data() + i * out.coefficients);
  }
  return out;
}

}  // namespace echoes::audio
