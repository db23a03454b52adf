#include "eval/speaker_id.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "acceptance/pitch_shift.h"
#include "eval_test_util.h"

namespace echoes::eval {
namespace {

using testing::audio_only;
using testing::load_clips;

const char* const kLearners[] = {"9600", "9614", "9616", "9649", "8002", "9628"};

// Enrolled on held-out real audio as in the acceptance experiment: Kathleen's prompts
// from arctic_a0541 (about a minute), the last 6 utterances of each speechocean speaker.
const SpeakerIdentifier& shared_identifier() {
  static const SpeakerIdentifier id = [] {
    std::vector<SpeakerClips> speakers{{"kathleen", audio_only(load_clips("kathleen", 540, 20))}};
    for (const char* s : kLearners) speakers.push_back({s, audio_only(load_clips(std::string("speechocean/") + s, 14, 6))});
    return SpeakerIdentifier(speakers);
  }();
  return id;
}

// Test clips the model has not seen: Kathleen's a0501..a0510, learners' first 6.
std::vector<std::pair<std::string, audio::Audio>> unseen_clips() {
  std::vector<std::pair<std::string, audio::Audio>> out;
  for (auto& c : load_clips("kathleen", 500, 10)) out.emplace_back("kathleen", std::move(c.first));
  for (const char* s : kLearners) {
    for (auto& c : load_clips(std::string("speechocean/") + s, 0, 6)) out.emplace_back(s, std::move(c.first));
  }
  return out;
}

double accuracy(const std::vector<std::pair<std::string, audio::Audio>>& clips, double shift_st) {
  std::size_t correct = 0;
  for (const auto& [speaker, clip] : clips) {
    const audio::Audio probe = shift_st == 0.0 ? clip : shift_pitch_by_resampling(clip, shift_st);
    correct += shared_identifier().identify(probe).front().name == speaker ? 1 : 0;
  }
  return static_cast<double>(correct) / clips.size();
}

TEST(SpeakerId, IdentifiesRealSpeakersOnUnseenClips) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto clips = unseen_clips();
  ASSERT_EQ(clips.size(), 46u);
  EXPECT_GE(accuracy(clips, 0.0), 0.9);
}

TEST(SpeakerId, ShiftedVoicesAreLessOftenRecognized) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto clips = unseen_clips();
  // Moving F0 and formants by 4 semitones makes a different-sounding speaker.
  EXPECT_LT(accuracy(clips, 4.0), 0.6);
}

TEST(SpeakerId, ScoresAreRankedAndNamed) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto clip = load_clips("kathleen", 510, 1).front().first;
  const auto ranked = shared_identifier().identify(clip);
  ASSERT_EQ(ranked.size(), 7u);
  for (std::size_t i = 1; i < ranked.size(); ++i) EXPECT_GE(ranked[i - 1].llr, ranked[i].llr);
  EXPECT_EQ(ranked.front().name, "kathleen");
  EXPECT_GT(ranked.front().llr, 0.0);
}

TEST(SpeakerId, RejectsBadEnrollmentAndSilentClips) {
  ECHOES_REQUIRE_SPEECH_DATA();
  EXPECT_THROW(SpeakerIdentifier({}), Error);
  const auto clips = audio_only(load_clips("kathleen", 0, 3));
  EXPECT_THROW(SpeakerIdentifier({{"a", clips}, {"a", clips}}), Error);
  EXPECT_THROW(SpeakerIdentifier({{"", clips}}), Error);
  EXPECT_THROW(SpeakerIdentifier({{"silent", {audio::Audio{std::vector<float>(44100, 0.0f), 22050}}}}), Error);
  try {
    shared_identifier().identify(audio::Audio{std::vector<float>(22050, 0.0f), 22050});
    FAIL() << "a silent clip was identified";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "no_speech");
  }
}

}  // namespace
}  // namespace echoes::eval
