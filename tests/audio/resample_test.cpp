#include "audio/resample.h"

#include <gtest/gtest.h>

#include "audio_test_util.h"
#include "common/error.h"

namespace echoes::audio {
namespace {

using testing::sine;

TEST(Resample, EqualRatesReturnACopy) {
  const auto x = sine(440.0, 22050, 0.1, 0.5);
  EXPECT_EQ(resample(x, 22050, 22050), x);
}

TEST(Resample, LengthIsTheRoundedRatio) {
  EXPECT_EQ(resampled_length(48000, 48000, 22050), 22050u);
  EXPECT_EQ(resampled_length(1, 48000, 22050), 0u);
  EXPECT_EQ(resampled_length(3, 48000, 22050), 1u);
  EXPECT_EQ(resampled_length(44100 * 600, 44100, 22050), 22050u * 600);
  for (std::size_t n : {0u, 1u, 7u, 1000u, 48001u}) {
    EXPECT_EQ(resample(std::vector<float>(n, 0.1f), 48000, 22050).size(), resampled_length(n, 48000, 22050));
  }
}

TEST(Resample, KeepsAToneInPlaceAndAtItsLevel) {
  for (int from : {8000, 16000, 44100, 48000, 96000}) {
    SCOPED_TRACE(from);
    const auto out = resample(sine(1000.0, from, 1.0, 0.5), from, 22050);
    const auto expected = sine(1000.0, 22050, 1.0, 0.5);
    ASSERT_EQ(out.size(), expected.size());
    EXPECT_GT(testing::snr_db(expected, out, 220), 80.0);  // also proves zero delay
  }
}

TEST(Resample, RejectsContentAboveTheNewNyquist) {
  // 10 kHz is above 8 kHz (Nyquist of 16 kHz): it must vanish, not alias to 6 kHz.
  const auto out = resample(sine(10000.0, 48000, 1.0, 0.5), 48000, 16000);
  double energy = 0.0;
  for (std::size_t i = 160; i + 160 < out.size(); ++i) energy += static_cast<double>(out[i]) * out[i];
  const double rms = std::sqrt(energy / (out.size() - 320));
  EXPECT_LT(20.0 * std::log10(rms + 1e-12), -100.0);
}

TEST(Resample, StreamingInOddBlocksEqualsOneShot) {
  const auto x = sine(523.0, 44100, 1.3, 0.4);
  const auto whole = resample(x, 44100, 22050);
  StreamResampler stream(44100, 22050);
  std::vector<float> pieces;
  std::size_t pos = 0;
  for (std::size_t block : {1u, 17u, 1000u, 4096u, 333u}) {
    while (pos < x.size() && block > 0) {
      const std::size_t n = std::min(block, x.size() - pos);
      stream.process(std::span<const float>(x).subspan(pos, n), pieces);
      pos += n;
      if (pos > x.size() / 2) break;
    }
  }
  stream.process(std::span<const float>(x).subspan(pos), pieces);
  stream.finish(pieces);
  ASSERT_EQ(pieces.size(), whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) ASSERT_NEAR(pieces[i], whole[i], 1e-6f) << i;
}

TEST(Resample, EveryQualityProducesTheRightLengthAndTone) {
  for (auto q : {ResampleQuality::quick, ResampleQuality::low, ResampleQuality::medium,
                 ResampleQuality::high, ResampleQuality::very_high}) {
    const auto out = resample(sine(300.0, 48000, 0.5, 0.5), 48000, 22050, q);
    ASSERT_EQ(out.size(), resampled_length(24000, 48000, 22050));
    EXPECT_GT(testing::tone_power_fraction(out, 300.0, 22050), 0.95);
  }
}

TEST(Resample, RejectsNonPositiveRates) {
  const std::vector<float> x(10, 0.0f);
  EXPECT_THROW(resample(x, 0, 22050), Error);
  EXPECT_THROW(resample(x, 22050, -1), Error);
  EXPECT_THROW(StreamResampler(0, 1), Error);
}

}  // namespace
}  // namespace echoes::audio
