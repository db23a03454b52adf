// Embedding and blind detection on flite speech (no shared data needed), API contracts and errors.
#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "clips.h"
#include "common/error.h"
#include "watermark/attacks.h"
#include "watermark/detect.h"
#include "watermark/embed.h"
#include "watermark/pattern.h"
#include "watermark/segmental_snr.h"

namespace echoes::watermark {
namespace {

// Several sentences joined, about 8 s: a typical synthesized paragraph.
audio::Audio paragraph() {
  audio::Audio joined;
  for (const auto& clip : testing::flite_clips(3)) {
    joined.samples.insert(joined.samples.end(), clip.samples.begin(), clip.samples.end());
  }
  return joined;
}

TEST(WatermarkEmbed, FliteClipsCarryTheirTag) {
  const auto clips = testing::flite_clips(20);
  int correct = 0;
  for (std::size_t i = 0; i < clips.size(); ++i) {
    const std::uint32_t tag = voice_tag("voice-" + std::to_string(i));
    const Detection d = detect_watermark(embed_watermark(clips[i], tag));
    EXPECT_TRUE(d.found) << "clip " << i << " z " << d.z_score;
    correct += d.tag_valid && d.tag == tag;
    EXPECT_FALSE(d.tag_valid && d.tag != tag) << "wrong tag on clip " << i;
  }
  EXPECT_GE(correct, 19);
}

TEST(WatermarkEmbed, UnmarkedAndWrongKeyAreNotFound) {
  const audio::Audio speech = paragraph();
  const Detection unmarked = detect_watermark(speech);
  EXPECT_FALSE(unmarked.found);
  EXPECT_LT(unmarked.z_score, 5.5);
  EXPECT_GT(unmarked.false_alarm_bound, 1e-4);

  WatermarkOptions other;
  other.key = "another deployment";
  const audio::Audio marked = embed_watermark(speech, 0x42, other);
  EXPECT_FALSE(detect_watermark(marked).found);
  const Detection right_key = detect_watermark(marked, other);
  EXPECT_TRUE(right_key.found);
  EXPECT_TRUE(right_key.tag_valid);
  EXPECT_EQ(right_key.tag, 0x42u);
  EXPECT_LT(right_key.false_alarm_bound, 1e-9);
}

TEST(WatermarkEmbed, SurvivesGainPolarityAndAnyInputRate) {
  const audio::Audio speech = paragraph();
  const audio::Audio marked = embed_watermark(speech, 0xC0FFEE);
  for (double gain_db : {-20.0, 12.0}) {
    const Detection d = detect_watermark(apply_gain_db(marked, gain_db));
    EXPECT_TRUE(d.found && d.tag_valid && d.tag == 0xC0FFEEu) << gain_db;
  }
  audio::Audio inverted = marked;
  for (float& s : inverted.samples) s = -s;
  EXPECT_EQ(detect_watermark(inverted).tag, 0xC0FFEEu);

  // Embedding at 16 kHz and at 48 kHz works too (the mark is made at 22,050 Hz).
  for (int rate : {16000, 48000}) {
    const audio::Audio source = resample_to(speech, rate);
    const audio::Audio marked_at_rate = embed_watermark(source, 0x00BEEF);
    ASSERT_EQ(marked_at_rate.samples.size(), source.samples.size());
    ASSERT_EQ(marked_at_rate.rate_hz, rate);
    const Detection d = detect_watermark(marked_at_rate);
    EXPECT_TRUE(d.found && d.tag == 0x00BEEFu) << rate;
  }
}

TEST(WatermarkEmbed, FoundInAnyStretchAndUnchangedLength) {
  const audio::Audio speech = paragraph();
  const audio::Audio marked = embed_watermark(speech, 0x123456);
  ASSERT_EQ(marked.samples.size(), speech.samples.size());
  // A 3 s stretch starting at an arbitrary sample (not a frame boundary).
  audio::Audio cut;
  cut.samples.assign(marked.samples.begin() + 12345, marked.samples.begin() + 12345 + 3 * 22050);
  const Detection d = detect_watermark(cut);
  EXPECT_TRUE(d.found);
  EXPECT_EQ(d.tag, 0x123456u);
}

TEST(WatermarkEmbed, LevelIsAsConfigured) {
  const audio::Audio speech = paragraph();
  for (double level : {-17.0, -25.0}) {
    WatermarkOptions options;
    options.level_db = level;
    const audio::Audio mark = watermark_signal(speech, 7, options);
    const double snr = segmental_snr_db(speech.samples, mark.samples, speech.rate_hz);
    // The mark is `level` below the speech in 600-6,600 Hz; the full-band speech has more.
    EXPECT_GT(snr, -level + 2.0) << level;
    EXPECT_LT(snr, -level + 15.0) << level;
  }
}

TEST(WatermarkEmbed, SilenceStaysSilent) {
  audio::Audio silence;
  silence.samples.assign(22050, 0.0f);
  const audio::Audio marked = embed_watermark(silence, 1);
  for (float s : marked.samples) ASSERT_EQ(s, 0.0f);
  EXPECT_FALSE(detect_watermark(marked).found);
}

TEST(WatermarkDetect, MatchTagPicksTheCandidate) {
  const audio::Audio clip = testing::flite_clips(1).front();
  const std::uint32_t tag = voice_tag("the voice");
  const Detection d = detect_watermark(embed_watermark(clip, tag));
  ASSERT_TRUE(d.found);
  std::vector<std::uint32_t> candidates;
  for (int i = 0; i < 500; ++i) candidates.push_back(voice_tag("other " + std::to_string(i)));
  EXPECT_FALSE(match_tag(d, candidates).has_value());
  candidates.push_back(tag);
  const auto matched = match_tag(d, candidates);
  ASSERT_TRUE(matched.has_value());
  EXPECT_EQ(*matched, tag);
  EXPECT_FALSE(match_tag(Detection{}, candidates).has_value());
}

TEST(WatermarkDetect, BadInputGivesClearErrors) {
  const auto expect_code = [](auto call, const std::string& code) {
    try {
      call();
      FAIL() << "no error, expected " << code;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), code);
    }
  };
  audio::Audio ok;
  ok.samples.assign(1000, 0.1f);
  audio::Audio empty;
  audio::Audio bad_rate = ok;
  bad_rate.rate_hz = 0;
  audio::Audio nan = ok;
  nan.samples[10] = std::numeric_limits<float>::quiet_NaN();
  WatermarkOptions no_key;
  no_key.key = "";
  expect_code([&] { detect_watermark(empty); }, error_code::kEmptyAudio);
  expect_code([&] { detect_watermark(bad_rate); }, error_code::kInvalidArgument);
  expect_code([&] { detect_watermark(nan); }, error_code::kInvalidAudio);
  expect_code([&] { detect_watermark(ok, no_key); }, error_code::kInvalidArgument);
  expect_code([&] { embed_watermark(ok, kMaxTag + 1); }, error_code::kInvalidArgument);
  expect_code([&] { embed_watermark(bad_rate, 1); }, error_code::kInvalidArgument);
  expect_code([&] { embed_watermark(nan, 1); }, error_code::kInvalidAudio);
  // Very short clips are analysed, just not found.
  audio::Audio tiny;
  tiny.samples.assign(10, 0.2f);
  EXPECT_FALSE(detect_watermark(tiny).found);
  EXPECT_TRUE(embed_watermark(empty, 1).samples.empty());
}

TEST(WatermarkSegmentalSnr, MatchesAKnownRatio) {
  std::mt19937 rng(3);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  std::vector<float> speech(22050);
  std::vector<float> mark(22050);
  for (std::size_t i = 0; i < speech.size(); ++i) {
    speech[i] = 0.3f * noise(rng);
    mark[i] = 0.03f * noise(rng);  // 20 dB down
  }
  EXPECT_NEAR(segmental_snr_db(speech, mark, 22050), 20.0, 0.3);
  std::vector<float> silent(22050, 0.0f);
  EXPECT_DOUBLE_EQ(segmental_snr_db(speech, silent, 22050), 35.0);  // clamped
}

}  // namespace
}  // namespace echoes::watermark
