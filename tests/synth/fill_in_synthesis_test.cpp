// Speaking phones the recordings lack: with the parametric fill-in (voice/fill_in.h) they
// come from fill-in units, not substitutes; without it the old substitution is kept.
#include <cmath>
#include <memory>

#include <gtest/gtest.h>

#include "audio/frames.h"
#include "support/test_data.h"
#include "synth/synthesizer.h"
#include "text/flite_front_end.h"
#include "voice/build.h"
#include "voice/fill_in.h"
#include "voice/voice_test_util.h"

namespace echoes::synth {
namespace {

const char* const kText = "The usual measure of joy.";

/// Voices from 25 Kathleen prompts that never say "zh" or "oy", with and without fill-in.
const voice::VoiceModel& voice_without_zh_oy(bool fill_in) {
  static std::unique_ptr<voice::VoiceModel> voices[2];
  auto& v = voices[fill_in ? 1 : 0];
  if (!v) {
    voice::BuildOptions options;
    options.fill_in_missing_phones = fill_in;
    const auto entries = voice::testing::kathleen_entries_without({"zh", "oy"}, 25);
    v = std::make_unique<voice::VoiceModel>(voice::build_voice(voice::load_training_utterances(entries), options));
  }
  return *v;
}

std::vector<Target> targets_for(const voice::VoiceModel& v, const std::string& text) {
  std::vector<Target> targets = make_targets(text::FliteFrontEnd().analyze(text), v.prosody);
  apply_phone_backoff(targets, v);
  return targets;
}

/// Longest run of quiet 10 ms frames (40 dB below the loudest) between the first and last
/// loud frame, seconds.
double longest_inner_gap_s(const audio::Audio& a) {
  const auto levels = audio::frame_rms_dbfs(a, {0.02, 0.01});
  const float loudest = *std::max_element(levels.begin(), levels.end());
  std::size_t first = levels.size(), last = 0, run = 0, longest = 0;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (levels[i] > loudest - 40.0f) { first = std::min(first, i); last = i; }
  }
  for (std::size_t i = first; i <= last && i < levels.size(); ++i) {
    run = levels[i] > loudest - 40.0f ? 0 : run + 1;
    longest = std::max(longest, run);
  }
  return double(longest) * 0.01;
}

TEST(FillInSynthesis, MissingPhonesAreSpokenFromFillInUnits) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto& v = voice_without_zh_oy(true);
  const auto lacking = voice::phones_without_units(v);
  for (const char* p : {"zh", "oy"}) {
    ASSERT_NE(std::find(lacking.begin(), lacking.end(), voice::phone_id(p)), lacking.end()) << p << " was recorded";
  }
  const auto targets = targets_for(v, kText);
  for (const Target& t : targets) EXPECT_FALSE(t.substituted) << voice::phone_name(t.phone);
  const auto choices = select_units(v, targets);
  int fill_in_slots = 0;
  for (const UnitChoice& c : choices) {
    const voice::PhoneId phone = targets[std::size_t(c.target)].phone;
    if (phone != voice::phone_id("zh") && phone != voice::phone_id("oy")) continue;
    ASSERT_NE(c.unit, UnitChoice::kNoUnit);
    const voice::Unit& u = v.units[c.unit];
    EXPECT_EQ(u.phone, phone);
    EXPECT_TRUE(u.flags & voice::unit_flags::kFillIn);
    // The unit itself has sound: within 25 dB of the voice's speech level.
    std::vector<std::int16_t> pcm(std::size_t(u.end_sample - u.start_sample));
    v.samples.read(std::size_t(u.start_sample), pcm);
    std::vector<float> s;
    for (std::int16_t x : pcm) s.push_back(x / 32768.0f);
    EXPECT_GT(audio::amplitude_to_db(audio::rms(s)), v.prosody.speech_level_dbfs - 25.0) << voice::phone_name(phone);
    ++fill_in_slots;
  }
  EXPECT_EQ(fill_in_slots, 3 * 2);  // usual, measure, joy: two halves each
  const audio::Audio out = synthesize(v, kText);
  EXPECT_GT(out.duration_s(), 1.0);
  EXPECT_LT(longest_inner_gap_s(out), 0.08) << "no silence where a phone should be";
}

TEST(FillInSynthesis, WithoutFillInTheSubstitutionTableIsKept) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto& v = voice_without_zh_oy(false);
  EXPECT_FALSE(v.has_phone(voice::phone_id("zh")));
  EXPECT_FALSE(v.has_phone(voice::phone_id("oy")));
  for (const auto& u : v.units) ASSERT_FALSE(u.flags & voice::unit_flags::kFillIn);
  int substituted = 0;
  for (const Target& t : targets_for(v, kText)) {
    EXPECT_TRUE(t.is_pause() || v.has_phone(t.phone));
    substituted += t.substituted;
  }
  EXPECT_GE(substituted, 3);
  const audio::Audio out = synthesize(v, kText);
  EXPECT_GT(out.duration_s(), 1.0);
  EXPECT_LT(longest_inner_gap_s(out), 0.08);
}

}  // namespace
}  // namespace echoes::synth
