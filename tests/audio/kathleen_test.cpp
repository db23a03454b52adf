// The shared corpus ships 48 kHz stereo originals next to the 22,050 Hz mono FLACs SoX made
// from them (remix -, rate -v, 16-bit): decoding the originals must reproduce the FLACs.
#include <gtest/gtest.h>

#include "audio/decode.h"
#include "audio_test_util.h"
#include "support/test_data.h"

namespace echoes::audio {
namespace {

TEST(KathleenOriginals, DecodeToTheSameAudioAsTheSoxConversions) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto kathleen = echoes::testing::speech_dir() / "kathleen";
  int compared = 0;
  for (int i = 1; i <= 10; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "arctic_a%04d", i);
    SCOPED_TRACE(id);
    const DecodedAudio original = decode_audio_file(kathleen / "original" / (std::string(id) + ".wav"));
    const DecodedAudio converted = decode_audio_file(kathleen / "audio" / (std::string(id) + ".flac"));
    EXPECT_EQ(original.container, "wav");
    EXPECT_EQ(original.encoding, "pcm16");
    EXPECT_EQ(original.source_rate_hz, 48000);
    EXPECT_EQ(original.source_channels, 2);
    EXPECT_EQ(converted.container, "flac");
    EXPECT_EQ(converted.source_rate_hz, kWorkingRateHz);
    EXPECT_EQ(converted.source_channels, 1);
    const auto& a = original.audio.samples;
    const auto& b = converted.audio.samples;
    EXPECT_LE(std::abs(static_cast<long>(a.size()) - static_cast<long>(b.size())), 1);
    const double snr = testing::snr_db(b, a);
    EXPECT_GT(snr, 45.0);  // measured 54.6-63.0 dB; 16-bit requantisation caps it near 70
    RecordProperty(std::string(id) + "_snr_db", std::to_string(snr));
    ++compared;
  }
  EXPECT_EQ(compared, 10);
}

TEST(KathleenOriginals, ByteSizeMatchesTheHeader) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto path = echoes::testing::speech_dir() / "kathleen" / "original" / "arctic_a0001.wav";
  const auto bytes = testing::read_bytes(path);
  const DecodedAudio decoded = decode_audio(bytes);
  // Canonical 44-byte header, 4 bytes per stereo 16-bit frame.
  EXPECT_EQ(decoded.source_frames, static_cast<std::int64_t>((bytes.size() - 44) / 4));
}

}  // namespace
}  // namespace echoes::audio
