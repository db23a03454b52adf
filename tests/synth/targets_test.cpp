#include <gtest/gtest.h>

#include "synth/targets.h"
#include "synth/unit_selection.h"
#include "text/flite_front_end.h"

namespace echoes::synth {
namespace {

using voice::phone_id;

/// A voice with one unit pair of each listed phone and nothing else.
voice::VoiceModel voice_with(const std::vector<std::string>& phones) {
  voice::VoiceModel v;
  v.samples.append(std::vector<std::int16_t>(22050, 0));
  std::int32_t at = 0;
  for (const auto& name : phones) {
    for (int half = 0; half < 2; ++half) {
      voice::Unit u;
      u.phone = phone_id(name);
      u.half = std::uint8_t(half);
      u.start_sample = at;
      u.end_sample = at + 500;
      u.phone_duration_s = 0.05f;
      at += 500;
      v.units.push_back(u);
    }
  }
  voice::index_units(v);
  return v;
}

TEST(Targets, FollowTheFrontEndWithPausesAtTheEnds) {
  const text::FliteFrontEnd fe;
  const auto utt = fe.analyze("Hello, world.");
  voice::ProsodyModel prosody;
  prosody.duration_ratio.fill(2.0f);
  const auto targets = make_targets(utt, prosody);
  ASSERT_GE(targets.size(), 8u);
  EXPECT_TRUE(targets.front().is_pause());
  EXPECT_TRUE(targets.back().is_pause());
  double speech_s = 0.0, flite_s = 0.0;
  for (const auto& p : utt.phones) if (p.name != "pau") flite_s += p.flite_duration_s;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (i > 0) {
      EXPECT_FALSE(targets[i].is_pause() && targets[i - 1].is_pause());
      EXPECT_EQ(targets[i].left, targets[i - 1].phone);
    }
    if (!targets[i].is_pause()) speech_s += targets[i].duration_s;
  }
  EXPECT_NEAR(speech_s, 2.0 * flite_s, 0.05 * flite_s + 0.05);
  // "hello" starts a word and a phrase; the phone before the comma ends a phrase.
  EXPECT_TRUE(targets[1].flags & voice::unit_flags::kWordInitial);
  EXPECT_TRUE(targets[1].flags & voice::unit_flags::kPhraseInitial);
}

TEST(Targets, BackoffReplacesMissingPhonesWithOnesTheVoiceHas) {
  const auto v = voice_with({"sh", "ao", "iy", "t", "ah", "m"});
  std::vector<Target> targets(5);
  targets[1].phone = phone_id("zh");  // -> sh
  targets[2].phone = phone_id("oy");  // -> ao iy
  targets[3].phone = phone_id("d");   // -> t (substitute table)
  set_contexts(targets);
  apply_phone_backoff(targets, v);
  std::vector<std::string> names;
  for (const auto& t : targets) names.emplace_back(voice::phone_name(t.phone));
  EXPECT_EQ(names, (std::vector<std::string>{"pau", "sh", "ao", "iy", "t", "pau"}));
  for (const auto& t : targets) {
    if (!t.is_pause()) {
      EXPECT_TRUE(v.has_phone(t.phone));
      EXPECT_TRUE(t.substituted);
    }
  }
  EXPECT_EQ(targets[2].right, phone_id("iy"));
}

TEST(Targets, LastResortIsTheSameClassThenAnyPhone) {
  const auto v = voice_with({"m"});
  std::vector<Target> targets(3);
  targets[1].phone = phone_id("ng");  // nasal: substitutes n, m -> m
  set_contexts(targets);
  apply_phone_backoff(targets, v);
  EXPECT_EQ(targets[1].phone, phone_id("m"));
  std::vector<Target> vowel(3);
  vowel[1].phone = phone_id("aa");  // no vowel at all: any phone the voice has
  apply_phone_backoff(vowel, v);
  EXPECT_EQ(vowel[1].phone, phone_id("m"));
}

TEST(UnitSelection, PrefersUnitsThatContinueEachOtherInTheRecording) {
  // Two copies of "m ah": a contiguous one and a shuffled one.
  auto v = voice_with({"m", "ah", "ah", "m"});
  std::vector<Target> targets(4);
  targets[1].phone = phone_id("m");
  targets[2].phone = phone_id("ah");
  set_contexts(targets);
  for (auto& t : targets) t.duration_s = 0.05;
  const auto choices = select_units(v, targets);
  ASSERT_EQ(choices.size(), 6u);  // pause, m m, ah ah, pause
  EXPECT_EQ(choices[0].unit, UnitChoice::kNoUnit);
  EXPECT_EQ(choices[1].unit, 0u);  // m left
  EXPECT_EQ(choices[2].unit, 1u);
  EXPECT_EQ(choices[3].unit, 2u);  // the "ah" that follows that "m"
  EXPECT_EQ(choices[4].unit, 3u);
  EXPECT_EQ(join_cost(v, 0, 1, {}), 0.0);
  EXPECT_GT(join_cost(v, 1, 4, {}), 0.0);
}

TEST(UnitSelection, APhoneWithoutUnitsLeavesAGapNotABrokenPath) {
  const auto v = voice_with({"m"});
  std::vector<Target> targets(5);
  targets[1].phone = phone_id("m");
  targets[2].phone = phone_id("aa");  // no units and no back-off applied
  targets[3].phone = phone_id("m");
  set_contexts(targets);
  const auto choices = select_units(v, targets);
  ASSERT_EQ(choices.size(), 8u);
  EXPECT_NE(choices[1].unit, UnitChoice::kNoUnit);
  EXPECT_NE(choices[2].unit, UnitChoice::kNoUnit);
  EXPECT_EQ(choices[3].unit, UnitChoice::kNoUnit);
  EXPECT_EQ(choices[4].unit, UnitChoice::kNoUnit);
  EXPECT_NE(choices[5].unit, UnitChoice::kNoUnit);
  EXPECT_NE(choices[6].unit, UnitChoice::kNoUnit);
}

}  // namespace
}  // namespace echoes::synth
