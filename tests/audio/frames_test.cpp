#include "audio/frames.h"

#include <gtest/gtest.h>

#include "audio_test_util.h"
#include "common/error.h"

namespace echoes::audio {
namespace {

TEST(Decibels, ConversionsAreInverseAndFloored) {
  EXPECT_DOUBLE_EQ(amplitude_to_db(1.0), 0.0);
  EXPECT_NEAR(amplitude_to_db(0.5), -6.0206, 1e-4);
  EXPECT_NEAR(power_to_db(0.5), -3.0103, 1e-4);
  EXPECT_NEAR(db_to_amplitude(-20.0), 0.1, 1e-12);
  EXPECT_NEAR(db_to_power(-20.0), 0.01, 1e-12);
  EXPECT_NEAR(amplitude_to_db(db_to_amplitude(-37.5)), -37.5, 1e-9);
  EXPECT_EQ(amplitude_to_db(0.0), kFloorDb);
  EXPECT_EQ(power_to_db(0.0), kFloorDb);
  EXPECT_EQ(amplitude_to_db(-1.0), kFloorDb);
}

TEST(Levels, RmsAndPeak) {
  const auto x = testing::sine(100.0, 22050, 1.0, 0.5);
  EXPECT_NEAR(rms(x), 0.5 / std::sqrt(2.0), 1e-4);
  EXPECT_NEAR(peak_abs(x), 0.5, 1e-4);
  EXPECT_EQ(rms({}), 0.0);
  EXPECT_EQ(peak_abs({}), 0.0);
}

TEST(FrameRms, FullScaleSineReadsMinus3Dbfs) {
  Audio a;
  a.samples = testing::sine(1000.0, 22050, 1.0, 1.0);
  const auto levels = frame_rms_dbfs(a);
  // 20 ms frames (441 samples) every 10 ms (220.5 rounds to 221 samples) over 1 s.
  EXPECT_EQ(levels.size(), (22050u - 441u) / 221u + 1u);
  for (float l : levels) EXPECT_NEAR(l, -3.01, 0.05);
}

TEST(FrameRms, SilenceAndShortAndEmpty) {
  Audio a;
  a.samples.assign(5000, 0.0f);
  for (float l : frame_rms_dbfs(a)) EXPECT_EQ(l, kFloorDb);
  a.samples.assign(100, 0.5f);
  ASSERT_EQ(frame_rms_dbfs(a).size(), 1u);
  EXPECT_NEAR(frame_rms_dbfs(a)[0], -6.02, 0.01);
  EXPECT_TRUE(frame_rms_dbfs(Audio{}).empty());
  EXPECT_THROW(frame_rms_dbfs(a, FrameOptions{0.0, 0.01}), Error);
}

}  // namespace
}  // namespace echoes::audio
