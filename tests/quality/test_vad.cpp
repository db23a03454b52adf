// Speech segments of the voice-activity detector (vad.h) on hand-made frame features:
// how far a syllable's segment grows, with and without stepping over a stop closure.
#include <cmath>

#include <gtest/gtest.h>

#include "quality/vad.h"
#include "quality/vad_features.h"

namespace echoes::quality {
namespace {

void add_frames(FrameFeatures& f, int count, float level_db, float periodicity, float f0_start_hz, float f0_end_hz) {
  for (int i = 0; i < count; ++i) {
    f.level_db.push_back(level_db);
    f.full_level_db.push_back(level_db);
    f.periodicity.push_back(periodicity);
    f.f0_hz.push_back(count > 1 ? f0_start_hz + (f0_end_hz - f0_start_hz) * i / (count - 1) : f0_start_hz);
    f.cell_power.push_back(std::pow(10.0, level_db / 10.0));
  }
}

// Quiet room, a 0.5 s vowel gliding 180 -> 200 Hz, a 50 ms closure, a 150 ms /s/-like
// unvoiced sound, quiet room.
FrameFeatures word_with_final_stop_and_fricative() {
  FrameFeatures f;
  add_frames(f, 20, -60.0f, 0.1f, 0.0f, 0.0f);
  add_frames(f, 50, -20.0f, 0.9f, 180.0f, 200.0f);
  add_frames(f, 5, -60.0f, 0.1f, 0.0f, 0.0f);
  add_frames(f, 15, -30.0f, 0.2f, 0.0f, 0.0f);
  add_frames(f, 60, -60.0f, 0.1f, 0.0f, 0.0f);
  return f;
}

TEST(Vad, GrowthStopsAtTheFirstQuietGapByDefault) {
  const VadResult vad = detect_speech(word_with_final_stop_and_fricative());
  ASSERT_TRUE(vad.speech_found) << vad.reason;
  ASSERT_EQ(vad.segments.size(), 1u);
  EXPECT_NEAR(vad.segments[0].start_s, 0.20, 1e-9);
  EXPECT_NEAR(vad.segments[0].end_s, 0.70, 1e-9);
}

TEST(Vad, ClosureBridgingKeepsTheWordFinalFricative) {
  VadOptions options;
  options.max_closure_s = 0.08;
  const VadResult vad = detect_speech(word_with_final_stop_and_fricative(), options);
  ASSERT_EQ(vad.segments.size(), 1u);
  EXPECT_NEAR(vad.segments[0].end_s, 0.90, 1e-9);
  // A gap longer than the closure is a pause: the fricative stays out.
  options.max_closure_s = 0.04;
  EXPECT_NEAR(detect_speech(word_with_final_stop_and_fricative(), options).segments[0].end_s, 0.70, 1e-9);
}

TEST(Vad, RegrowingTheNucleiMatchesARunWithThoseGrowthOptions) {
  const FrameFeatures f = word_with_final_stop_and_fricative();
  const VadResult vad = detect_speech(f);
  VadOptions bridging;
  bridging.max_closure_s = 0.08;
  EXPECT_EQ(grow_speech(f, vad, bridging), detect_speech(f, bridging).speech);
  EXPECT_EQ(grow_speech(f, vad, VadOptions{}), vad.speech);
  // No speech found: nothing to grow.
  FrameFeatures quiet;
  add_frames(quiet, 50, -60.0f, 0.1f, 0.0f, 0.0f);
  const VadResult none = detect_speech(quiet);
  ASSERT_FALSE(none.speech_found);
  EXPECT_EQ(grow_speech(quiet, none, bridging), std::vector<std::uint8_t>(50, 0));
}

}  // namespace
}  // namespace echoes::quality
