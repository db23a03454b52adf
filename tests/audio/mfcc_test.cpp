#include "audio/mfcc.h"

#include <complex>
#include <random>

#include <gtest/gtest.h>

#include "audio/decode.h"
#include "audio_test_util.h"
#include "common/error.h"
#include "support/test_data.h"

namespace echoes::audio {
namespace {

Audio make_audio(std::vector<float> samples, int rate_hz = kWorkingRateHz) {
  Audio a;
  a.samples = std::move(samples);
  a.rate_hz = rate_hz;
  return a;
}

std::vector<float> noise(std::size_t n, float sigma, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> g(0.0f, sigma);
  std::vector<float> x(n);
  for (auto& v : x) v = g(rng);
  return x;
}

double hz_to_mel(double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); }
double mel_to_hz(double mel) { return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0); }

// Straightforward double-precision MFCC of the frame centred at `centre` (naive DFT): the
// oracle for the FFT-based implementation.
std::vector<double> reference_mfcc(const std::vector<float>& x, int rate, std::size_t centre,
                                   const MfccOptions& o) {
  const std::size_t win = std::lround(o.window_s * rate);
  std::size_t nfft = 1;
  while (nfft < win) nfft *= 2;
  std::vector<double> frame(win);
  for (std::size_t n = 0; n < win; ++n) {
    const long i = static_cast<long>(centre) - static_cast<long>(win / 2) + static_cast<long>(n);
    auto at = [&](long k) { return k >= 0 && k < static_cast<long>(x.size()) ? x[k] : 0.0; };
    const double emphasised = at(i) - o.preemphasis * (i > 0 ? at(i - 1) : 0.0);
    frame[n] = emphasised * (0.54 - 0.46 * std::cos(2.0 * std::numbers::pi * n / (win - 1)));
  }
  std::vector<double> power(nfft / 2 + 1);
  for (std::size_t k = 0; k < power.size(); ++k) {
    std::complex<double> sum = 0.0;
    for (std::size_t n = 0; n < win; ++n) sum += frame[n] * std::polar(1.0, -2.0 * std::numbers::pi * k * n / nfft);
    power[k] = std::norm(sum);
  }
  const int m_count = o.mel_bands;
  const double lo = hz_to_mel(o.low_hz), hi = hz_to_mel(rate / 2.0);
  std::vector<double> log_e(m_count);
  for (int m = 0; m < m_count; ++m) {
    const double l = mel_to_hz(lo + m * (hi - lo) / (m_count + 1));
    const double c = mel_to_hz(lo + (m + 1) * (hi - lo) / (m_count + 1));
    const double r = mel_to_hz(lo + (m + 2) * (hi - lo) / (m_count + 1));
    double e = 0.0;
    for (std::size_t k = 0; k < power.size(); ++k) {
      const double f = static_cast<double>(k) * rate / nfft;
      if (f >= l && f <= c) e += (f - l) / (c - l) * power[k];
      else if (f > c && f < r) e += (r - f) / (r - c) * power[k];
    }
    log_e[m] = std::log(std::max(e, o.energy_floor));
  }
  std::vector<double> c(o.coefficients);
  for (int k = 0; k < o.coefficients; ++k) {
    for (int m = 0; m < m_count; ++m) c[k] += log_e[m] * std::cos(std::numbers::pi * k * (m + 0.5) / m_count);
    c[k] *= std::sqrt((k == 0 ? 1.0 : 2.0) / m_count);
  }
  return c;
}

TEST(Mfcc, ShapeAndTimeAxis) {
  const MfccMatrix m = compute_mfcc(make_audio(noise(kWorkingRateHz, 0.1f, 1)));
  EXPECT_EQ(m.frames, 101u);
  EXPECT_EQ(m.coefficients, 20u);
  EXPECT_DOUBLE_EQ(m.hop_s, 0.010);
  EXPECT_EQ(m.values.size(), 101u * 20u);
  EXPECT_EQ(m.frame(3).size(), 20u);
  EXPECT_EQ(m.frame(3)[7], m.at(3, 7));
  for (float v : m.values) ASSERT_TRUE(std::isfinite(v));
}

TEST(Mfcc, MatchesANaiveDoublePrecisionReference) {
  const auto x = noise(kWorkingRateHz / 2, 0.1f, 2);
  const MfccOptions options;
  const MfccMatrix m = compute_mfcc(make_audio(x), options);
  for (std::size_t frame : {0u, 1u, 20u, 50u}) {
    const auto centre = static_cast<std::size_t>(std::lround(frame * 0.01 * kWorkingRateHz));
    const auto expected = reference_mfcc(x, kWorkingRateHz, centre, options);
    for (std::size_t k = 0; k < expected.size(); ++k) {
      EXPECT_NEAR(m.at(frame, k), expected[k], 2e-3 * std::max(1.0, std::fabs(expected[k])))
          << "frame " << frame << " c" << k;
    }
  }
}

TEST(Mfcc, GainMovesOnlyC0) {
  const auto x = noise(kWorkingRateHz, 0.05f, 3);
  std::vector<float> doubled(x);
  for (auto& v : doubled) v *= 2.0f;
  const MfccMatrix a = compute_mfcc(make_audio(x));
  const MfccMatrix b = compute_mfcc(make_audio(doubled));
  const double c0_shift = std::log(4.0) * std::sqrt(40.0);
  for (std::size_t f = 0; f < a.frames; ++f) {
    EXPECT_NEAR(b.at(f, 0) - a.at(f, 0), c0_shift, 1e-3);
    for (std::size_t k = 1; k < a.coefficients; ++k) ASSERT_NEAR(b.at(f, k), a.at(f, k), 1e-3);
  }
}

TEST(Mfcc, ToneEnergyLandsInTheRightMelBand) {
  // With as many coefficients as bands the orthonormal DCT is invertible: recover log energies.
  MfccOptions o;
  o.mel_bands = 26;
  o.coefficients = 26;
  o.preemphasis = 0.0;
  const double lo = hz_to_mel(o.low_hz), hi = hz_to_mel(kWorkingRateHz / 2.0);
  for (double tone_hz : {300.0, 1000.0, 2500.0, 6000.0}) {
    const MfccMatrix m = compute_mfcc(make_audio(testing::sine(tone_hz, kWorkingRateHz, 0.2, 0.5)), o);
    const auto c = m.frame(10);
    int best = 0;
    double best_energy = -1e30;
    for (int band = 0; band < o.mel_bands; ++band) {
      double e = c[0] * std::sqrt(1.0 / o.mel_bands);
      for (int k = 1; k < o.coefficients; ++k) e += c[k] * std::sqrt(2.0 / o.mel_bands) * std::cos(std::numbers::pi * k * (band + 0.5) / o.mel_bands);
      if (e > best_energy) best_energy = e, best = band;
    }
    const double centre_mel = lo + (best + 1) * (hi - lo) / (o.mel_bands + 1);
    EXPECT_NEAR(hz_to_mel(tone_hz), centre_mel, (hi - lo) / (o.mel_bands + 1)) << tone_hz << " Hz";
  }
}

TEST(Mfcc, SilenceGivesTheFloor) {
  const MfccMatrix m = compute_mfcc(make_audio(std::vector<float>(2205, 0.0f)));
  ASSERT_EQ(m.frames, 11u);
  for (std::size_t f = 0; f < m.frames; ++f) {
    EXPECT_NEAR(m.at(f, 0), std::sqrt(40.0) * std::log(1e-10), 1e-3);
    for (std::size_t k = 1; k < m.coefficients; ++k) EXPECT_NEAR(m.at(f, k), 0.0, 1e-3);
  }
}

TEST(Mfcc, EmptyAudioAndBadOptions) {
  EXPECT_EQ(compute_mfcc(Audio{}).frames, 0u);
  const Audio a = make_audio(noise(1000, 0.1f, 4));
  MfccOptions bad;
  bad.coefficients = 41;
  EXPECT_THROW(compute_mfcc(a, bad), Error);
  bad = MfccOptions{};
  bad.high_hz = 20000.0;
  EXPECT_THROW(compute_mfcc(a, bad), Error);
  bad = MfccOptions{};
  bad.hop_s = 0.0;
  EXPECT_THROW(compute_mfcc(a, bad), Error);
}

// Mean of c1..c12 over the louder half of the frames (speech, not pauses).
std::vector<double> mean_speech_cepstrum(const Audio& audio) {
  const MfccMatrix m = compute_mfcc(audio);
  std::vector<float> c0;
  for (std::size_t f = 0; f < m.frames; ++f) c0.push_back(m.at(f, 0));
  std::vector<float> sorted = c0;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const float median = sorted[sorted.size() / 2];
  std::vector<double> mean(12, 0.0);
  std::size_t used = 0;
  for (std::size_t f = 0; f < m.frames; ++f) {
    if (c0[f] < median) continue;
    for (std::size_t k = 1; k <= 12; ++k) mean[k - 1] += m.at(f, k);
    ++used;
  }
  for (auto& v : mean) v /= used;
  return mean;
}

double distance(const std::vector<double>& a, const std::vector<double>& b) {
  double d = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) d += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(d);
}

TEST(MfccOnSpeech, SameSpeakerIsCloserThanAnotherSpeaker) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto root = echoes::testing::speech_dir();
  const auto k1 = mean_speech_cepstrum(decode_audio_file(root / "kathleen/audio/arctic_a0001.flac").audio);
  const auto k2 = mean_speech_cepstrum(decode_audio_file(root / "kathleen/audio/arctic_a0002.flac").audio);
  bool found_other = false;
  for (const auto& entry : std::filesystem::directory_iterator(root / "speechocean/9649/audio")) {
    const auto other = mean_speech_cepstrum(decode_audio_file(entry.path()).audio);
    EXPECT_LT(distance(k1, k2), distance(k1, other));
    found_other = true;
    break;
  }
  EXPECT_TRUE(found_other);
}

}  // namespace
}  // namespace echoes::audio
