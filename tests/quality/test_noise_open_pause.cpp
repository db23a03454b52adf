// Noise measured in open pauses (noise_open_pause.h) on hand-made cells: which cells
// are open, when the mean is used, and how it is blended into the steady estimate.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "quality/noise_open_pause.h"

namespace echoes::quality {
namespace {

constexpr double kHop = 0.01;
constexpr double kQuiet = 1e-6;  // -60 dBFS: the room between the events
constexpr double kClank = 1e-4;  // -40 dBFS: a short noise event in a pause
constexpr double kWord = 1e-2;   // -20 dBFS: speech

struct Take {
  std::vector<double> power;
  std::vector<std::uint8_t> speech, voiced;
  void add(int cells, double p, bool is_speech, bool is_voiced = false) {
    for (int i = 0; i < cells; ++i) {
      power.push_back(p);
      speech.push_back(is_speech);
      voiced.push_back(is_voiced);
    }
  }
  OpenPauseNoise open(const OpenPauseOptions& o = {}) const { return open_pause_noise(power, speech, voiced, kHop, o); }
};

TEST(OpenPause, AveragesEveryCellFarFromSpeechWithoutALevelCap) {
  Take t;
  t.add(100, kWord, true, true);
  t.add(20, kQuiet, false);  // within the 0.1 s guard of the word: left out
  t.add(18, kQuiet, false);
  t.add(2, kClank, false);   // 20 dB over the room, counted in full
  t.add(20, kQuiet, false);
  t.add(20, kQuiet, false);  // guard before the next word
  t.add(100, kWord, true, true);
  const OpenPauseNoise open = t.open();
  // Cells 100..179 are pause; 10 on each side of the speech are guarded: 60 open.
  EXPECT_EQ(open.cells, 60u);
  EXPECT_NEAR(open.mean_power, (58 * kQuiet + 2 * kClank) / 60, 1e-15);
}

TEST(OpenPause, VoicedFramesOutsideTheSpeechAreGuardedToo) {
  Take t;
  t.add(100, kWord, true, true);
  t.add(40, kQuiet, false);
  t.add(3, kWord, false, true);  // a short voiced sound the detector did not keep
  t.add(57, kQuiet, false);
  const OpenPauseNoise open = t.open();
  // 100 pause cells; 10 after the word, 10 + 3 + 10 around the voiced blip are not open.
  EXPECT_EQ(open.cells, 67u);
  EXPECT_NEAR(open.mean_power, kQuiet, 1e-15);
}

TEST(OpenPause, TooLittlePauseIsNotUsed) {
  Take t;
  t.add(100, kWord, true, true);
  t.add(45, kQuiet, false);  // 25 open cells: 0.25 s < 0.30 s
  t.add(100, kWord, true, true);
  const OpenPauseNoise open = t.open();
  EXPECT_EQ(open.cells, 25u);
  EXPECT_EQ(open.mean_power, 0.0);
  EXPECT_EQ(blend_open_pause(kQuiet, open, kHop), kQuiet);
}

TEST(OpenPause, NoSpeechAtAllMakesEverythingOpenAndEmptyInputIsSafe) {
  Take t;
  t.add(50, kQuiet, false);
  EXPECT_EQ(t.open().cells, 50u);
  EXPECT_EQ(open_pause_noise({}, {}, {}, kHop).cells, 0u);
  EXPECT_EQ(open_pause_noise(t.power, t.speech, t.voiced, 0.0).mean_power, 0.0);
}

TEST(OpenPause, BlendWeighsOneSecondOfOpenPauseLikeTheSteadyEstimate) {
  const double steady = 1e-6;
  OpenPauseNoise open{.mean_power = 3e-6, .cells = 100};  // 1 s at the default prior of 1 s
  EXPECT_NEAR(blend_open_pause(steady, open, kHop), 2e-6, 1e-15);
  open.cells = 300;  // 3 s: weight 0.75
  EXPECT_NEAR(blend_open_pause(steady, open, kHop), 2.5e-6, 1e-15);
  open.cells = 30;   // 0.3 s: weight 0.23
  EXPECT_NEAR(blend_open_pause(steady, open, kHop), steady + 30.0 / 130.0 * 2e-6, 1e-15);
  // An open mean under the steady estimate never lowers it: the steady estimate is
  // already a lower bound that speech can only raise.
  open.mean_power = 0.5e-6;
  EXPECT_EQ(blend_open_pause(steady, open, kHop), steady);
}

TEST(OpenPause, ABurstIsASampleOfTheUnvoicedTimeNotOfTheOpenPause) {
  constexpr double kBang = 1e-2;  // 40 dB over the room, as loud as the words
  Take t;
  t.add(100, kWord, true, true);
  t.add(10, kQuiet, false);  // guard
  t.add(38, kQuiet, false);
  t.add(2, kBang, false);
  t.add(10, kQuiet, false);  // guard
  t.add(100, kWord, true, true);
  const OpenPauseNoise open = t.open();
  ASSERT_EQ(open.cells, 40u);
  // The bang cells enter the mean at the burst level (median + 20 dB)...
  const double burst_level = kQuiet * 100;
  EXPECT_NEAR(open.mean_power, (38 * kQuiet + 2 * burst_level) / 40, 1e-15);
  // ...and what they hold above it is averaged over the 60 unvoiced cells of the take
  // (a burst under the voiced words could not have been heard; one in any unvoiced cell
  // could), not over the 40 open cells: spread from them, a bang that happened to land
  // in a pause read a 44 s passage 65 dB low.
  EXPECT_NEAR(open.burst_power, 2 * (kBang - burst_level) / 60, 1e-15);
  // The open cells are flagged (for the event finder to skip).
  ASSERT_EQ(open.is_open.size(), 260u);
  EXPECT_EQ(open.is_open[109], 0);
  EXPECT_EQ(open.is_open[110], 1);
  EXPECT_EQ(open.is_open[149], 1);
  EXPECT_EQ(open.is_open[150], 0);
  // The burst power is added even when the capped mean is under the steady estimate.
  const double steady = 1e-4;
  EXPECT_NEAR(blend_open_pause(steady, open, kHop), steady + open.burst_power, 1e-15);
}

}  // namespace
}  // namespace echoes::quality
