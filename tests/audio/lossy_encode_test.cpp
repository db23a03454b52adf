// MP3 and Ogg Opus encoding (the OpenAI speech formats): each result is decoded back with
// libsndfile itself and checked for its container, rate, duration and loudness.
#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

#include "audio/encode.h"
#include "audio_test_util.h"
#include "common/error.h"
#include "support/temp_dir.h"

namespace echoes::audio {
namespace {

constexpr double kToneS = 1.5;
constexpr double kToneAmplitude = 0.5;

Audio tone(int rate_hz) { return Audio{testing::sine(440.0, rate_hz, kToneS, kToneAmplitude), rate_hz}; }

struct Decoded {
  int rate_hz = 0;
  int channels = 0;
  std::vector<float> samples;
  double duration_s() const { return static_cast<double>(samples.size()) / rate_hz; }
};

// Decodes with libsndfile from a file (an independent reader, not echoes' decoder).
Decoded sndfile_decode(const std::vector<std::uint8_t>& bytes, const std::string& name) {
  echoes::testing::TempDir dir;
  const auto path = dir.path() / name;
  testing::write_bytes(path, bytes);
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (!file) throw std::runtime_error(std::string("libsndfile cannot read it: ") + sf_strerror(nullptr));
  Decoded out{info.samplerate, info.channels, {}};
  std::vector<float> block(4096 * static_cast<std::size_t>(info.channels));
  for (sf_count_t got; (got = sf_readf_float(file, block.data(), 4096)) > 0;) {
    for (sf_count_t i = 0; i < got; ++i) out.samples.push_back(block[static_cast<std::size_t>(i * info.channels)]);
  }
  sf_close(file);
  return out;
}

double rms(const std::vector<float>& x) {
  double sum = 0;
  for (float v : x) sum += static_cast<double>(v) * v;
  return x.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(x.size()));
}

bool starts_as_mp3(const std::vector<std::uint8_t>& bytes) {
  if (bytes.size() < 3) return false;
  const bool id3 = std::memcmp(bytes.data(), "ID3", 3) == 0;
  const bool frame_sync = bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0;
  return id3 || frame_sync;
}

bool contains(const std::vector<std::uint8_t>& bytes, std::string_view text) {
  return std::search(bytes.begin(), bytes.end(), text.begin(), text.end()) != bytes.end();
}

void expect_same_tone(const Decoded& decoded, int rate_hz) {
  EXPECT_EQ(decoded.channels, 1);
  EXPECT_EQ(decoded.rate_hz, rate_hz);
  // Lossy codecs add priming/padding at the edges; the length stays within 60 ms.
  EXPECT_NEAR(decoded.duration_s(), kToneS, 0.06);
  EXPECT_NEAR(rms(decoded.samples), kToneAmplitude / std::sqrt(2.0), 0.05);
}

TEST(CodecRate, NextAllowedRateUpOrTheLargest) {
  EXPECT_EQ(codec_rate_hz(22050, kMp3RatesHz), 22050);
  EXPECT_EQ(codec_rate_hz(22050, kOpusRatesHz), 24000);
  EXPECT_EQ(codec_rate_hz(44100, kOpusRatesHz), 48000);
  EXPECT_EQ(codec_rate_hz(8000, kOpusRatesHz), 8000);
  EXPECT_EQ(codec_rate_hz(5000, kMp3RatesHz), 8000);
  EXPECT_EQ(codec_rate_hz(96000, kMp3RatesHz), 48000);
}

TEST(EncodeMp3, SpeechRateStaysAndTheToneSurvives) {
  const auto bytes = encode_mp3(tone(22050));
  ASSERT_TRUE(starts_as_mp3(bytes));
  EXPECT_LT(bytes.size(), 2u * 22050 * kToneS / 4);  // compressed: under a quarter of 16-bit PCM
  expect_same_tone(sndfile_decode(bytes, "tone.mp3"), 22050);
}

TEST(EncodeMp3, CdRateIsKeptAndRatesAboveMp3sAreResampled) {
  expect_same_tone(sndfile_decode(encode_mp3(tone(44100)), "cd.mp3"), 44100);
  expect_same_tone(sndfile_decode(encode_mp3(tone(96000)), "hi.mp3"), 48000);
}

TEST(EncodeOggOpus, SpeechIsResampledTo24kHzAndTheToneSurvives) {
  const auto bytes = encode_ogg_opus(tone(22050));
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(std::memcmp(bytes.data(), "OggS", 4), 0);
  EXPECT_TRUE(contains(bytes, "OpusHead"));
  expect_same_tone(sndfile_decode(bytes, "tone.opus"), 24000);
}

TEST(EncodeOggOpus, AllowedRatesAreKept) {
  expect_same_tone(sndfile_decode(encode_ogg_opus(tone(16000)), "wide.opus"), 16000);
  expect_same_tone(sndfile_decode(encode_ogg_opus(tone(48000)), "full.opus"), 48000);
}

TEST(EncodeLossy, NonPositiveRateIsRefused) {
  Audio bad = tone(22050);
  bad.rate_hz = 0;
  EXPECT_THROW(encode_mp3(bad), Error);
  EXPECT_THROW(encode_ogg_opus(bad), Error);
}

}  // namespace
}  // namespace echoes::audio
