// Robustness matrix, false positives and inaudibility on real speech (shared corpus).
#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "clips.h"
#include "support/test_data.h"
#include "watermark/attacks.h"
#include "watermark/detect.h"
#include "watermark/embed.h"
#include "watermark/pattern.h"
#include "watermark/segmental_snr.h"

namespace echoes::watermark {
namespace {

using Attack = std::function<audio::Audio(const audio::Audio&)>;

audio::Audio mp3(const audio::Audio& a) { return lossy_round_trip(a, LossyCodec::mp3, 64).audio; }
audio::Audio opus(const audio::Audio& a) { return lossy_round_trip(a, LossyCodec::opus, 64).audio; }
audio::Audio to_16k(const audio::Audio& a) { return resample_to(a, 16000); }

const std::vector<std::pair<std::string, Attack>>& attacks() {
  static const std::vector<std::pair<std::string, Attack>> list = {
      {"none", [](const audio::Audio& a) { return a; }},
      {"pcm16", requantize_pcm16},
      {"resample 16k", to_16k},
      {"mp3 64k", mp3},
      {"opus 64k", opus},
      {"+6 dB", [](const audio::Audio& a) { return apply_gain_db(a, 6.0); }},
      {"-6 dB", [](const audio::Audio& a) { return apply_gain_db(a, -6.0); }},
      {"16k + mp3 64k", [](const audio::Audio& a) { return mp3(to_16k(a)); }},
      {"-6 dB + opus 64k + pcm16", [](const audio::Audio& a) { return requantize_pcm16(opus(apply_gain_db(a, -6.0))); }},
      {"16k + pcm16 + +6 dB", [](const audio::Audio& a) { return apply_gain_db(requantize_pcm16(to_16k(a)), 6.0); }},
  };
  return list;
}

TEST(WatermarkRobustness, MatrixOnRealSpeech) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto files = testing::speech_files(24);
  ASSERT_EQ(files.size(), 24u);
  std::vector<int> found(attacks().size(), 0);
  std::vector<int> tagged(attacks().size(), 0);
  for (std::size_t f = 0; f < files.size(); ++f) {
    const audio::Audio clip = testing::load_clip(files[f]);
    const std::uint32_t tag = voice_tag(files[f].stem().string());
    const audio::Audio marked = embed_watermark(clip, tag);
    for (std::size_t a = 0; a < attacks().size(); ++a) {
      const Detection d = detect_watermark(attacks()[a].second(marked));
      found[a] += d.found;
      tagged[a] += d.tag_valid && d.tag == tag;
      EXPECT_FALSE(d.tag_valid && d.tag != tag) << attacks()[a].first << " " << files[f].filename();
    }
  }
  for (std::size_t a = 0; a < attacks().size(); ++a) {
    std::printf("  %-28s found %2d/%zu  tag %2d/%zu\n", attacks()[a].first.c_str(), found[a], files.size(),
                tagged[a], files.size());
    // >= 95% found, >= 90% with the blind tag (match_tag recovers most of the rest).
    EXPECT_GE(found[a] * 100, 95 * static_cast<int>(files.size())) << attacks()[a].first;
    EXPECT_GE(tagged[a] * 100, 90 * static_cast<int>(files.size())) << attacks()[a].first;
  }
}

TEST(WatermarkRobustness, LossyCodecsRunAtTheRequestedBitrate) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const audio::Audio clip = testing::load_clip(testing::speech_files(1).front());
  for (LossyCodec codec : {LossyCodec::mp3, LossyCodec::opus}) {
    const LossyResult result = lossy_round_trip(clip, codec, 64);
    EXPECT_GT(result.actual_kbps, 60.0) << codec_name(codec);
    EXPECT_LT(result.actual_kbps, 72.0) << codec_name(codec);  // container overhead included
    EXPECT_NEAR(result.audio.duration_s(), clip.duration_s(), 0.1) << codec_name(codec);
  }
}

TEST(WatermarkRobustness, NoFalsePositivesOnRealRecordings) {
  ECHOES_REQUIRE_SPEECH_DATA();
  auto files = testing::speech_files(120);
  const auto noise = testing::noise_files();
  files.insert(files.end(), noise.begin(), noise.end());
  ASSERT_GE(files.size(), 120u);
  double max_z = 0.0;
  for (const auto& file : files) {
    const Detection d = detect_watermark(testing::load_clip(file));
    EXPECT_FALSE(d.found) << file.filename() << " z " << d.z_score;
    max_z = std::max(max_z, d.z_score);
  }
  std::printf("  %zu unmarked files, highest z %.2f (threshold %.1f)\n", files.size(), max_z,
              WatermarkOptions{}.threshold_z);
}

TEST(WatermarkRobustness, SegmentalSnrAboveAudibilityGuidance) {
  ECHOES_REQUIRE_SPEECH_DATA();
  // IFPI's guidance for inaudible audio watermarks: SNR above 20 dB. Echoes keeps a margin.
  constexpr double kMinSegmentalSnrDb = 20.0;
  double sum = 0.0;
  double lowest = 1e9;
  const auto files = testing::speech_files(24);
  for (const auto& file : files) {
    const audio::Audio clip = testing::load_clip(file);
    const audio::Audio mark = watermark_signal(clip, 0xABCDEF);
    const double snr = segmental_snr_db(clip.samples, mark.samples, clip.rate_hz);
    EXPECT_GE(snr, kMinSegmentalSnrDb) << file.filename();
    sum += snr;
    lowest = std::min(lowest, snr);
  }
  std::printf("  segmental SNR: mean %.1f dB, lowest %.1f dB\n", sum / files.size(), lowest);
  EXPECT_GE(sum / files.size(), 23.0);
}

}  // namespace
}  // namespace echoes::watermark
