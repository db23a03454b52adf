#include "audio/encode.h"

#include <cstring>
#include <random>

#include <gtest/gtest.h>

#include "audio/decode.h"
#include "audio_test_util.h"
#include "common/error.h"
#include "support/temp_dir.h"

namespace echoes::audio {
namespace {

Audio noise_audio(std::size_t n, int rate_hz, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  Audio a;
  a.rate_hz = rate_hz;
  a.samples.resize(n);
  for (auto& s : a.samples) s = dist(rng);
  return a;
}

DecodeOptions same_rate(int rate_hz) {
  DecodeOptions o;
  o.target_rate_hz = rate_hz;
  return o;
}

TEST(Pcm16, QuantisationClampsAndRounds) {
  EXPECT_EQ(to_pcm16(0.0f), 0);
  EXPECT_EQ(to_pcm16(1.0f), 32767);
  EXPECT_EQ(to_pcm16(-1.0f), -32768);
  EXPECT_EQ(to_pcm16(2.5f), 32767);
  EXPECT_EQ(to_pcm16(-7.0f), -32768);
  EXPECT_EQ(to_pcm16(0.6f / 32768), 1);   // rounds to nearest
  EXPECT_EQ(to_pcm16(0.4f / 32768), 0);
  EXPECT_EQ(to_pcm16(-0.6f / 32768), -1);
  EXPECT_EQ(to_pcm16(1000.0f / 32768), 1000);
  EXPECT_EQ(to_pcm16(std::numeric_limits<float>::quiet_NaN()), 0);
}

TEST(EncodeWav, RoundTripIsWithinHalfAnLsbAndExactFor16BitValues) {
  Audio a = noise_audio(30000, 22050, 1);
  const auto bytes = encode_wav_pcm16(a);
  ASSERT_GE(bytes.size(), 44u);
  EXPECT_EQ(std::memcmp(bytes.data(), "RIFF", 4), 0);
  EXPECT_EQ(bytes.size(), 44u + 2 * a.samples.size());
  const DecodedAudio decoded = decode_audio(bytes, same_rate(22050));
  EXPECT_EQ(decoded.encoding, "pcm16");
  EXPECT_EQ(decoded.source_rate_hz, 22050);
  ASSERT_EQ(decoded.audio.samples.size(), a.samples.size());
  for (std::size_t i = 0; i < a.samples.size(); ++i) {
    ASSERT_NEAR(decoded.audio.samples[i], a.samples[i], 0.5f / 32768 + 1e-7f) << i;
  }
  // Decoded 16-bit values survive a second round trip bit for bit.
  const DecodedAudio again = decode_audio(encode_wav_pcm16(decoded.audio), same_rate(22050));
  EXPECT_EQ(again.audio.samples, decoded.audio.samples);
}

TEST(EncodeFlac, IsLosslessFor16BitContent) {
  Audio a = noise_audio(50000, 16000, 2);
  for (auto& s : a.samples) s = to_pcm16(s) / 32768.0f;  // make it exactly 16-bit
  const auto bytes = encode_flac(a);
  EXPECT_EQ(std::memcmp(bytes.data(), "fLaC", 4), 0);
  const DecodedAudio decoded = decode_audio(bytes, same_rate(16000));
  EXPECT_EQ(decoded.container, "flac");
  EXPECT_EQ(decoded.source_rate_hz, 16000);
  EXPECT_EQ(decoded.audio.samples, a.samples);
}

TEST(EncodeFlac, CompressesSpeechLikeSignalsBelowWavSize) {
  Audio a;
  a.samples = testing::sine(200.0, 22050, 2.0, 0.3);
  EXPECT_LT(encode_flac(a).size(), encode_wav_pcm16(a).size() / 2);
}

TEST(EncodeRaw, IsLittleEndianPcm16) {
  Audio a;
  a.samples = {0.0f, 1.0f, -1.0f, 256.0f / 32768, -2.0f / 32768};
  const auto bytes = encode_pcm16_raw(a);
  const std::vector<std::uint8_t> expected = {0x00, 0x00, 0xFF, 0x7F, 0x00, 0x80, 0x00, 0x01, 0xFE, 0xFF};
  EXPECT_EQ(bytes, expected);
}

TEST(Encode, EmptyAudioGivesAValidEmptyFile) {
  Audio empty;
  const auto wav = encode_wav_pcm16(empty);
  EXPECT_EQ(wav.size(), 44u);
  EXPECT_TRUE(encode_pcm16_raw(empty).empty());
}

TEST(Encode, RejectsANonPositiveRate) {
  Audio a;
  a.rate_hz = 0;
  a.samples = {0.1f};
  EXPECT_THROW(encode_wav_pcm16(a), Error);
  EXPECT_THROW(encode_flac(a), Error);
}

TEST(WriteAudioFile, WritesEachFormat) {
  echoes::testing::TempDir dir;
  Audio a = noise_audio(2205, 22050, 3);
  write_audio_file(dir.path() / "a.wav", a, AudioFileFormat::wav_pcm16);
  write_audio_file(dir.path() / "a.flac", a, AudioFileFormat::flac_pcm16);
  write_audio_file(dir.path() / "a.raw", a, AudioFileFormat::raw_pcm16);
  EXPECT_EQ(testing::read_bytes(dir.path() / "a.wav"), encode_wav_pcm16(a));
  EXPECT_EQ(testing::read_bytes(dir.path() / "a.raw"), encode_pcm16_raw(a));
  const auto flac = decode_audio_file(dir.path() / "a.flac", same_rate(22050));
  const auto wav = decode_audio_file(dir.path() / "a.wav", same_rate(22050));
  EXPECT_EQ(flac.audio.samples, wav.audio.samples);
  EXPECT_THROW(write_audio_file(dir.path() / "no" / "such" / "dir.wav", a, AudioFileFormat::wav_pcm16), Error);
}

}  // namespace
}  // namespace echoes::audio
