// Loud broadband noise events (noise_events.h) on hand-made cells: which cells count
// and how much power they add.
#include <cmath>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "quality/noise_events.h"

namespace echoes::quality {
namespace {

// Three bands: 0-150 Hz, 150-1500 Hz (the low band), 2100-6000 Hz (the high band).
struct Cells {
  std::vector<double> power;
  std::vector<std::uint8_t> voiced;
  BandPowers bands;
  std::vector<double> floors{1e-9, 1e-9, 1e-9};

  Cells() {
    bands.bands = 3;
    bands.low_hz = {0.0, 150.0, 2100.0};
    bands.high_hz = {150.0, 1500.0, 6000.0};
  }
  // A cell of total power `low + high`, split over the two bands.
  void add(double low, double high, bool is_voiced) {
    power.push_back(low + high);
    voiced.push_back(is_voiced ? 1 : 0);
    bands.power.insert(bands.power.end(), {0.0f, static_cast<float>(low), static_cast<float>(high)});
    ++bands.cells;
  }
  NoiseEvents find(double noise_power) const {
    return find_noise_events(power, voiced, bands, floors, noise_power);
  }
};

constexpr double kNoise = 1e-6;  // -60 dBFS
constexpr double kVowel = 1e-3;  // -30 dBFS, mostly low band

Cells speech_with(double low, double high) {
  Cells c;
  for (int i = 0; i < 20; ++i) c.add(0.5 * kNoise, 0.5 * kNoise, false);
  for (int i = 0; i < 20; ++i) c.add(0.99 * kVowel, 0.01 * kVowel, true);
  c.add(low, high, false);
  return c;
}

TEST(NoiseEvents, LoudBroadbandUnvoicedCellCountsAsNoise) {
  const Cells c = speech_with(4e-3, 8e-3);  // 10.8 dB over the vowels, high band 3 dB up
  const NoiseEvents e = c.find(kNoise);
  EXPECT_EQ(e.cells, 1);
  // Averaged over the 21 unvoiced cells, the only time an event could be seen.
  EXPECT_NEAR(e.power, (12e-3 - kNoise) / 21, 1e-9);
}

TEST(NoiseEvents, AnEventStandsForTheVoicedTimeToo) {
  // The same event with three times as much voiced speech around it: the voiced time
  // hides its share of such events, so the time-mean estimate does not shrink.
  Cells c = speech_with(4e-3, 8e-3);
  for (int i = 0; i < 40; ++i) c.add(0.99 * kVowel, 0.01 * kVowel, true);
  const NoiseEvents e = c.find(kNoise);
  EXPECT_EQ(e.cells, 1);
  EXPECT_NEAR(e.power, (12e-3 - kNoise) / 21, 1e-9);
}

TEST(NoiseEvents, SpeechLikeCellsDoNotCount) {
  EXPECT_EQ(speech_with(12e-3, 1e-5).find(kNoise).cells, 0);   // vowel-like: low band 31 dB up
  EXPECT_EQ(speech_with(1e-5, 12e-3).find(kNoise).cells, 0);   // sibilant-like: high band 31 dB up
  EXPECT_EQ(speech_with(0.6e-3, 0.6e-3).find(kNoise).cells, 0);  // broadband but only 0.8 dB over the vowels
}

TEST(NoiseEvents, SkippedCellsAreNeverEvents) {
  const Cells c = speech_with(4e-3, 8e-3);
  std::vector<std::uint8_t> skip(c.power.size(), 0);
  skip.back() = 1;  // the event cell lies in an open pause, counted there already
  const NoiseEvents e = find_noise_events(c.power, c.voiced, c.bands, c.floors, kNoise, {}, skip);
  EXPECT_EQ(e.cells, 0);
  EXPECT_EQ(e.power, 0.0);
}

TEST(NoiseEvents, NothingWithoutVoicedCells) {
  Cells c;
  for (int i = 0; i < 10; ++i) c.add(4e-3, 8e-3, false);
  const NoiseEvents e = c.find(kNoise);
  EXPECT_EQ(e.cells, 0);
  EXPECT_EQ(e.power, 0.0);
}

}  // namespace
}  // namespace echoes::quality
