#include "audio/decode.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

#include "audio_test_util.h"
#include "common/error.h"
#include "support/temp_dir.h"

namespace echoes::audio {
namespace {

using testing::interleave;
using testing::sine;
using testing::sndfile_encode;

constexpr int kWav = SF_FORMAT_WAV;

// Runs decode_audio and returns the error code it throws ("" if it does not throw).
std::string error_code_of(std::span<const std::uint8_t> bytes, const DecodeOptions& options = {}) {
  try {
    decode_audio(bytes, options);
  } catch (const Error& e) {
    EXPECT_FALSE(std::string(e.what()).empty());
    return e.code();
  }
  return "";
}

std::vector<std::uint8_t> mono_wav(int rate_hz, double duration_s, int subformat = SF_FORMAT_PCM_16) {
  return sndfile_encode(kWav | subformat, rate_hz, 1, sine(440.0, rate_hz, duration_s, 0.5));
}

struct BitDepthCase {
  int subformat;
  const char* encoding;
  double max_error;  // quantisation step of the format, full scale
};

class DecodeBitDepth : public ::testing::TestWithParam<BitDepthCase> {};

TEST_P(DecodeBitDepth, WavAtWorkingRateDecodesToTheSamplesWithinOneStep) {
  const auto& c = GetParam();
  const auto reference = sine(440.0, kWorkingRateHz, 1.0, 0.5);
  const auto bytes = sndfile_encode(kWav | c.subformat, kWorkingRateHz, 1, reference);
  const DecodedAudio decoded = decode_audio(bytes);
  EXPECT_EQ(decoded.container, "wav");
  EXPECT_EQ(decoded.encoding, c.encoding);
  EXPECT_EQ(decoded.source_rate_hz, kWorkingRateHz);
  EXPECT_EQ(decoded.source_channels, 1);
  EXPECT_EQ(decoded.source_frames, static_cast<std::int64_t>(reference.size()));
  EXPECT_DOUBLE_EQ(decoded.source_duration_s, 1.0);
  EXPECT_EQ(decoded.audio.rate_hz, kWorkingRateHz);
  ASSERT_EQ(decoded.audio.samples.size(), reference.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < reference.size(); ++i) {
    worst = std::max(worst, std::fabs(static_cast<double>(decoded.audio.samples[i]) - reference[i]));
  }
  EXPECT_LE(worst, c.max_error);
}

INSTANTIATE_TEST_SUITE_P(
    AllDepths, DecodeBitDepth,
    ::testing::Values(BitDepthCase{SF_FORMAT_PCM_U8, "pcm8", 1.0 / 128},
                      BitDepthCase{SF_FORMAT_PCM_16, "pcm16", 1.0 / 32768},
                      BitDepthCase{SF_FORMAT_PCM_24, "pcm24", 1.0 / 8388608},
                      BitDepthCase{SF_FORMAT_PCM_32, "pcm32", 1e-7},
                      BitDepthCase{SF_FORMAT_FLOAT, "float32", 1e-7},
                      BitDepthCase{SF_FORMAT_DOUBLE, "float64", 1e-7}));

struct ContainerCase {
  int format;
  int rate_hz;
  const char* container;
  const char* encoding;
  bool lossless;
};

class DecodeContainer : public ::testing::TestWithParam<ContainerCase> {};

TEST_P(DecodeContainer, DecodesA440HzToneWithItsLevelAndLength) {
  const auto& c = GetParam();
  const double duration_s = 2.0;
  const auto tone = sine(440.0, c.rate_hz, duration_s, 0.5);
  const auto bytes = sndfile_encode(c.format, c.rate_hz, 2, interleave({tone, tone}));
  const DecodedAudio decoded = decode_audio(bytes);
  EXPECT_EQ(decoded.container, c.container);
  EXPECT_EQ(decoded.encoding, c.encoding);
  EXPECT_EQ(decoded.source_channels, 2);
  EXPECT_EQ(decoded.audio.rate_hz, kWorkingRateHz);
  EXPECT_NEAR(decoded.source_duration_s, duration_s, c.lossless ? 1e-9 : 0.06);
  EXPECT_NEAR(decoded.audio.duration_s(), decoded.source_duration_s, 1.0 / kWorkingRateHz);
  // Judge the middle second: codecs may fade in or pad at the edges.
  const auto& s = decoded.audio.samples;
  const std::vector<float> middle(s.begin() + s.size() / 4, s.begin() + s.size() / 4 + kWorkingRateHz);
  EXPECT_GT(testing::tone_power_fraction(middle, 440.0, kWorkingRateHz), 0.95);
  const double rms = std::sqrt(std::inner_product(middle.begin(), middle.end(), middle.begin(), 0.0) / middle.size());
  EXPECT_NEAR(20.0 * std::log10(rms / (0.5 / std::sqrt(2.0))), 0.0, 1.0);  // level within 1 dB
}

INSTANTIATE_TEST_SUITE_P(
    AllContainers, DecodeContainer,
    ::testing::Values(
        ContainerCase{SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, "flac", "pcm16", true},
        ContainerCase{SF_FORMAT_FLAC | SF_FORMAT_PCM_24, 96000, "flac", "pcm24", true},
        ContainerCase{SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, "ogg", "vorbis", false},
        ContainerCase{SF_FORMAT_OGG | SF_FORMAT_OPUS, 48000, "ogg", "opus", false},
        ContainerCase{SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 44100, "mp3", "mp3", false},
        ContainerCase{SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 16000, "mp3", "mp3", false},
        ContainerCase{SF_FORMAT_AIFF | SF_FORMAT_PCM_16, 22050, "aiff", "pcm16", true},
        ContainerCase{SF_FORMAT_WAV | SF_FORMAT_FLOAT, 32000, "wav", "float32", true}));

class DecodeRate : public ::testing::TestWithParam<int> {};

TEST_P(DecodeRate, ResamplesAToneToTheWorkingRate) {
  const int rate_hz = GetParam();
  const double duration_s = 0.5;
  const auto bytes = sndfile_encode(kWav | SF_FORMAT_FLOAT, rate_hz, 1, sine(300.0, rate_hz, duration_s, 0.5));
  const DecodedAudio decoded = decode_audio(bytes);
  EXPECT_EQ(decoded.source_rate_hz, rate_hz);
  const std::size_t source_frames = static_cast<std::size_t>(decoded.source_frames);
  ASSERT_EQ(decoded.audio.samples.size(), resampled_length(source_frames, rate_hz, kWorkingRateHz));
  const auto expected = sine(300.0, kWorkingRateHz, decoded.audio.duration_s(), 0.5);
  ASSERT_EQ(decoded.audio.samples.size(), expected.size());
  // Skip 10 ms at each end, where the resampler sees the signal switch on and off.
  EXPECT_GT(testing::snr_db(expected, decoded.audio.samples, kWorkingRateHz / 100), 60.0);
}

INSTANTIATE_TEST_SUITE_P(EightTo192k, DecodeRate,
                         ::testing::Values(8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000,
                                           88200, 96000, 176400, 192000));

TEST(Decode, HonoursAnotherTargetRate) {
  DecodeOptions options;
  options.target_rate_hz = 16000;
  const DecodedAudio decoded = decode_audio(mono_wav(48000, 1.0), options);
  EXPECT_EQ(decoded.audio.rate_hz, 16000);
  EXPECT_EQ(decoded.audio.samples.size(), 16000u);
}

TEST(Decode, StereoDownmixIsTheAverageOfTheChannels) {
  const auto left = sine(220.0, kWorkingRateHz, 0.5, 0.6);
  const auto right = sine(330.0, kWorkingRateHz, 0.5, 0.2);
  const auto bytes = sndfile_encode(kWav | SF_FORMAT_FLOAT, kWorkingRateHz, 2, interleave({left, right}));
  const auto mono = decode_audio(bytes).audio.samples;
  ASSERT_EQ(mono.size(), left.size());
  for (std::size_t i = 0; i < mono.size(); ++i) {
    ASSERT_NEAR(mono[i], 0.5f * (left[i] + right[i]), 1e-6f) << "sample " << i;
  }
}

TEST(Decode, SurroundDownmixIsTheAverageOfSixChannels) {
  std::vector<std::vector<float>> channels;
  for (int c = 0; c < 6; ++c) channels.push_back(sine(100.0 * (c + 1), kWorkingRateHz, 0.3, 0.1 * (c + 1)));
  const auto bytes = sndfile_encode(SF_FORMAT_WAVEX | SF_FORMAT_PCM_24, kWorkingRateHz, 6, interleave(channels));
  const DecodedAudio decoded = decode_audio(bytes);
  EXPECT_EQ(decoded.source_channels, 6);
  for (std::size_t i = 0; i < decoded.audio.samples.size(); ++i) {
    float sum = 0.0f;
    for (const auto& ch : channels) sum += ch[i];
    ASSERT_NEAR(decoded.audio.samples[i], sum / 6.0f, 1e-6f) << "sample " << i;
  }
}

TEST(Decode, OppositeChannelsCancel) {
  const auto left = sine(440.0, kWorkingRateHz, 0.2, 0.5);
  std::vector<float> right(left.size());
  std::transform(left.begin(), left.end(), right.begin(), [](float v) { return -v; });
  const auto bytes = sndfile_encode(kWav | SF_FORMAT_FLOAT, kWorkingRateHz, 2, interleave({left, right}));
  for (float v : decode_audio(bytes).audio.samples) ASSERT_EQ(v, 0.0f);
}

TEST(Decode, LeavesTheInputBytesUntouched) {
  const auto bytes = mono_wav(44100, 0.5);
  const auto copy = bytes;
  decode_audio(bytes);
  EXPECT_EQ(bytes, copy);
}

TEST(Decode, AcceptsAStreamingWavWithUnknownDataSize) {
  auto bytes = mono_wav(22050, 0.5);
  ASSERT_EQ(std::memcmp(bytes.data() + 36, "data", 4), 0);
  std::memset(bytes.data() + 40, 0xFF, 4);  // "size unknown" placeholder
  EXPECT_EQ(decode_audio(bytes).audio.samples.size(), 11025u);
}

TEST(DecodeFile, ReadsAFileAndRejectsMissingOrOversizedOnes) {
  echoes::testing::TempDir dir;
  const auto path = dir.path() / "take.wav";
  testing::write_bytes(path, mono_wav(48000, 1.0));
  EXPECT_EQ(decode_audio_file(path).audio.samples.size(), 22050u);
  try {
    decode_audio_file(dir.path() / "missing.wav");
    FAIL() << "no error for a missing file";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kNotFound);
    EXPECT_EQ(std::string(e.what()).find("missing"), std::string::npos);
  }
  DecodeOptions small;
  small.max_bytes = 1000;
  try {
    decode_audio_file(path, small);
    FAIL() << "no error for an oversized file";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kTooLarge);
  }
}

// ---- every error path ----

TEST(DecodeErrors, EmptyUpload) {
  EXPECT_EQ(error_code_of({}), error_code::kEmptyAudio);
}

TEST(DecodeErrors, ValidWavWithZeroFrames) {
  const auto bytes = sndfile_encode(kWav | SF_FORMAT_PCM_16, 22050, 1, {});
  EXPECT_EQ(error_code_of(bytes), error_code::kEmptyAudio);
}

TEST(DecodeErrors, RandomBytes) {
  std::mt19937 rng(7);
  for (std::size_t size : {10u, 100u, 4096u}) {
    std::vector<std::uint8_t> bytes(size);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    EXPECT_EQ(error_code_of(bytes), error_code::kInvalidAudio) << size << " random bytes";
  }
}

TEST(DecodeErrors, TextFile) {
  const std::string text = "Author of the danger trail, Philip Steels, etc.\nNot at this particular case, Tom.\n";
  const std::vector<std::uint8_t> bytes(text.begin(), text.end());
  EXPECT_EQ(error_code_of(bytes), error_code::kInvalidAudio);
}

TEST(DecodeErrors, TruncatedWavHeader) {
  auto bytes = mono_wav(22050, 0.5);
  for (std::size_t keep : {4u, 12u, 30u, 43u}) {
    const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + keep);
    EXPECT_EQ(error_code_of(cut), error_code::kInvalidAudio) << "kept " << keep << " bytes";
  }
}

TEST(DecodeErrors, TruncatedWavData) {
  auto bytes = mono_wav(22050, 1.0);
  bytes.resize(bytes.size() / 2);
  try {
    decode_audio(bytes);
    FAIL() << "accepted a truncated WAV";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kInvalidAudio);
    EXPECT_NE(std::string(e.what()).find("cut short"), std::string::npos) << e.what();
  }
  // Losing a single byte of data is still truncation.
  auto one_short = mono_wav(22050, 1.0);
  one_short.pop_back();
  EXPECT_EQ(error_code_of(one_short), error_code::kInvalidAudio);
}

TEST(DecodeErrors, TruncatedFlacAndMp3) {
  const auto tone = sine(440.0, 44100, 2.0, 0.5);
  for (int format : {SF_FORMAT_FLAC | SF_FORMAT_PCM_16, SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III}) {
    auto bytes = sndfile_encode(format, 44100, 1, tone);
    bytes.resize(bytes.size() / 2);
    EXPECT_EQ(error_code_of(bytes), error_code::kInvalidAudio) << std::hex << format;
  }
}

TEST(DecodeErrors, TruncatedOggAndOpus) {
  const auto tone = sine(440.0, 48000, 2.0, 0.5);
  for (int format : {SF_FORMAT_OGG | SF_FORMAT_VORBIS, SF_FORMAT_OGG | SF_FORMAT_OPUS}) {
    auto bytes = sndfile_encode(format, 48000, 1, tone);
    bytes.resize(bytes.size() / 2);
    EXPECT_EQ(error_code_of(bytes), error_code::kInvalidAudio) << std::hex << format;
  }
}

TEST(DecodeErrors, WebmIsUnsupportedWithAClearMessage) {
  std::vector<std::uint8_t> bytes = {0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01};
  bytes.resize(2000, 0);
  try {
    decode_audio(bytes);
    FAIL() << "accepted WebM";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kUnsupportedFormat);
    EXPECT_STREQ(e.what(), "WebM is not supported: send WAV/FLAC/OGG/MP3");
  }
}

TEST(DecodeErrors, Mp4IsUnsupported) {
  std::vector<std::uint8_t> bytes = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'M', '4', 'A', ' '};
  bytes.resize(2000, 0);
  EXPECT_EQ(error_code_of(bytes), error_code::kUnsupportedFormat);
}

TEST(DecodeErrors, TooLargeIsCheckedBeforeDecoding) {
  DecodeOptions options;
  options.max_bytes = 100;
  // Garbage over the cap reports the cap, proving the size check comes first.
  const std::vector<std::uint8_t> garbage(101, 'x');
  EXPECT_EQ(error_code_of(garbage, options), error_code::kTooLarge);
  EXPECT_EQ(error_code_of(mono_wav(22050, 0.5), options), error_code::kTooLarge);
}

TEST(DecodeErrors, TooLongWithASmallCap) {
  DecodeOptions options;
  options.max_duration_s = 1.0;
  EXPECT_EQ(error_code_of(mono_wav(44100, 1.5), options), error_code::kTooLong);
  EXPECT_EQ(error_code_of(mono_wav(44100, 1.0), options), "");  // exactly at the cap is fine
  const auto mp3 = sndfile_encode(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 44100, 1, sine(440.0, 44100, 3.0, 0.5));
  EXPECT_EQ(error_code_of(mp3, options), error_code::kTooLong);
}

TEST(DecodeErrors, SampleRateOutsideRange) {
  EXPECT_EQ(error_code_of(mono_wav(4000, 0.5)), error_code::kUnsupportedFormat);
  EXPECT_EQ(error_code_of(mono_wav(7999, 0.5)), error_code::kUnsupportedFormat);
  EXPECT_EQ(error_code_of(mono_wav(384000, 0.1)), error_code::kUnsupportedFormat);
}

TEST(DecodeErrors, TooManyChannels) {
  const std::vector<float> frames(65 * 100, 0.1f);
  const auto bytes = sndfile_encode(SF_FORMAT_WAVEX | SF_FORMAT_PCM_16, 22050, 65, frames);
  EXPECT_EQ(error_code_of(bytes), error_code::kUnsupportedFormat);
  const std::vector<float> ok(64 * 100, 0.1f);
  EXPECT_EQ(error_code_of(sndfile_encode(SF_FORMAT_WAVEX | SF_FORMAT_PCM_16, 22050, 64, ok)), "");
}

TEST(DecodeErrors, NonFiniteFloatSamples) {
  auto samples = sine(440.0, 22050, 0.2, 0.5);
  samples[1000] = std::numeric_limits<float>::quiet_NaN();
  const auto bytes = sndfile_encode(kWav | SF_FORMAT_FLOAT, 22050, 1, samples);
  EXPECT_EQ(error_code_of(bytes), error_code::kInvalidAudio);
}

}  // namespace
}  // namespace echoes::audio
