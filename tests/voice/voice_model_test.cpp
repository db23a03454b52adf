#include <gtest/gtest.h>

#include "voice/voice_model.h"

namespace echoes::voice {
namespace {

/// Voiced marks every 100 samples up to sample 1000, unvoiced marks every 110 after.
VoiceModel voice_half_voiced() {
  VoiceModel v;
  v.rate_hz = 22050;
  for (std::int32_t s = 0; s <= 1000; s += 100) {
    v.marks.push_back(s);
    v.mark_voiced.push_back(1);
  }
  for (std::int32_t s = 1110; s < 2200; s += 110) {
    v.marks.push_back(s);
    v.mark_voiced.push_back(0);
  }
  Unit u;
  u.phone = phone_id("aa");
  u.start_sample = 200;
  u.end_sample = 800;  // all voiced
  v.units.push_back(u);
  u.start_sample = 500;
  u.end_sample = 1500;  // half voiced
  v.units.push_back(u);
  u.start_sample = 1200;
  u.end_sample = 2000;  // unvoiced
  v.units.push_back(u);
  return v;
}

TEST(VoiceModel, VoicedShareOfAUnitComesFromItsGlottalMarks) {
  VoiceModel v = voice_half_voiced();
  index_units(v);
  ASSERT_EQ(v.unit_voiced_percent.size(), 3u);
  EXPECT_EQ(v.unit_voiced_percent[0], 100);
  EXPECT_EQ(v.unit_voiced_percent[1], 50);
  EXPECT_EQ(v.unit_voiced_percent[2], 0);
}

TEST(VoiceModel, AGapLongerThanACycleIsNotVoiced) {
  VoiceModel v = voice_half_voiced();
  // Without the marks at 300..700, 200 and 800 are 600 samples (27 ms) apart: no cycle
  // is that long, so the stretch between them is not voiced.
  v.marks.erase(v.marks.begin() + 3, v.marks.begin() + 8);  // drops 300..700
  v.mark_voiced.erase(v.mark_voiced.begin() + 3, v.mark_voiced.begin() + 8);
  index_units(v);
  EXPECT_EQ(v.unit_voiced_percent[0], 0);
}

}  // namespace
}  // namespace echoes::voice
