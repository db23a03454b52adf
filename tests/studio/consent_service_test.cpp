// Spoken consent without HTTP, with flite's stock voices as speakers: "slt" (female) and
// "rms" (male) reading the statement, another text, or the passages. (The API test does the
// same with real recordings.)
#include <gtest/gtest.h>

#include <cstdio>

#include "audio/encode.h"
#include "common/error.h"
#include "eval/flite_voices.h"
#include "store/audit_log.h"
#include "store/cleanup.h"
#include "store/consent_repository.h"
#include "store/user_repository.h"
#include "studio/consent.h"
#include "studio/studio.h"
#include "support/temp_dir.h"

namespace echoes::studio {
namespace {

constexpr double kNowS = 1795564800.0 + 3600.0;  // 2026-11-25 01:00 UTC

const char* kSentences[] = {
    "My grandmother kept a garden behind the house, full of tomatoes and tall yellow sunflowers.",
    "Every summer we drove north to the lake, and my father taught us how to fish from the old pier.",
    "If you ever feel lost, remember that kindness costs nothing and usually comes back to you.",
    "The recipe is simple: two cups of flour, a pinch of salt, and more patience than you think."};

std::string wav(const audio::Audio& audio) {
  const auto bytes = audio::encode_wav_pcm16(audio);
  return std::string(bytes.begin(), bytes.end());
}

class ConsentServiceTest : public ::testing::Test {
 protected:
  void add_recordings(const char* voice) {
    for (const char* sentence : kSentences) {
      UploadRequest request{"wisdom-legacy", "take.wav", "audio/wav", wav(eval::flite_speak(voice, sentence)), sentence};
      ASSERT_TRUE(studio_.upload(ann_.id, request).accepted);
    }
  }

  ConsentUpload spoken(const char* voice, const std::string& text, const std::string& date_iso = "") {
    return {wav(eval::flite_speak(voice, text)), "consent.wav", "audio/wav", date_iso};
  }

  // Runs record() expecting a refusal; returns its code and message.
  std::pair<std::string, std::string> refusal(const ConsentUpload& upload) {
    try {
      consent_.record(ann_, upload, kNowS);
    } catch (const Error& e) {
      return {e.code(), e.what()};
    }
    return {"accepted", ""};
  }

  std::string statement() { return consent_.prompt(ann_, kNowS).statement; }

  testing::TempDir dir_;
  store::Database db_{dir_.path() / "echoes.db"};
  store::FileStore files_{dir_.path() / "data"};
  store::User ann_ = store::UserRepository(db_).create("ann@example.com", "Ann Lee", "hash");
  Studio studio_{db_, files_, files_};
  ConsentService consent_{db_, files_};
};

TEST_F(ConsentServiceTest, PromptNamesThePersonAndToday) {
  const auto prompt = consent_.prompt(ann_, kNowS);
  EXPECT_EQ(prompt.statement,
            "I, Ann Lee, agree that Echoes may create a synthetic copy of my voice on November twenty-fifth, "
            "twenty twenty-six.");
  EXPECT_EQ(prompt.date, (CalendarDate{2026, 11, 25}));
  EXPECT_EQ(consent_.state(ann_.id).state, "none");
}

TEST_F(ConsentServiceTest, AcceptsTheStatementInTheSameVoiceAndKeepsTheEvidence) {
  add_recordings("slt");
  const ConsentUpload upload = spoken("slt", statement());
  const ConsentResult result = consent_.record(ann_, upload, kNowS);
  std::printf("slt statement, slt recordings: match %.3f, voice distance %.3f\n", result.match_score,
              result.voice_distance.value_or(-1));
  EXPECT_GT(result.match_score, -2.0);
  ASSERT_TRUE(result.voice_distance);
  EXPECT_LT(*result.voice_distance, kMaxConsentVoiceDistance);

  const auto stored = store::ConsentRepository(db_).latest(ann_.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->statement, statement());
  EXPECT_EQ(stored->spoken_date, "2026-11-25");
  EXPECT_EQ(files_.read(stored->audio_path), upload.bytes);  // kept byte for byte
  EXPECT_EQ(stored->sha256, store::sha256_hex(upload.bytes));
  EXPECT_EQ(stored->audio_path.rfind("audio/" + ann_.id + "/consent-", 0), 0u);
  EXPECT_TRUE(consent_.state(ann_.id).given());
  const auto events = store::AuditLog(db_).list_by_action("consent.recorded");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].target, stored->id);

  // The start-up cleanup keeps the consent recording (a row refers to it) and removes strays.
  files_.write_atomic("audio/" + ann_.id + "/consent-stray.wav", "x");
  const auto report = store::cleanup_orphans(db_, files_);
  EXPECT_EQ(report.orphan_files_removed, 1);
  EXPECT_TRUE(files_.exists(stored->audio_path));
}

TEST_F(ConsentServiceTest, RefusesAnotherTextAndStoresNothing) {
  add_recordings("slt");
  const auto [code, message] = refusal(spoken("slt", kSentences[1]));
  EXPECT_EQ(code, error_code::kConsentMismatch);
  EXPECT_EQ(message, kStatementNotHeardMessage);
  // The statement with another name, or of another day, is not today's statement either.
  // (The aligner alone accepts both: they differ from the statement in one or two words.
  // kal16 is flite's deterministic voice; slt varies a little from run to run.)
  for (const char* other : {"I, Bob Stone, agree that Echoes may create a synthetic copy of my voice on November "
                            "twenty-fifth, twenty twenty-six.",
                            "I, Ann Lee, agree that Echoes may create a synthetic copy of my voice on November "
                            "twenty-fifth, twenty twenty-five."}) {
    EXPECT_EQ(refusal(spoken("kal16", other)).first, error_code::kConsentMismatch) << other;
  }
  EXPECT_FALSE(store::ConsentRepository(db_).latest(ann_.id));
  for (const auto& path : files_.list_files("audio/" + ann_.id)) EXPECT_EQ(path.find("consent-"), std::string::npos);
  const auto refused = store::AuditLog(db_).list_by_action("consent.refused");
  ASSERT_EQ(refused.size(), 3u);
  for (const auto& event : refused) EXPECT_NE(event.detail_json.find("statement_not_heard"), std::string::npos);
  EXPECT_EQ(consent_.state(ann_.id).state, "none");
}

TEST_F(ConsentServiceTest, RefusesTheStatementInAnotherVoice) {
  add_recordings("slt");
  const auto [code, message] = refusal(spoken("rms", statement()));
  EXPECT_EQ(code, error_code::kConsentMismatch);
  EXPECT_EQ(message, kDifferentVoiceMessage);
  const auto refused = store::AuditLog(db_).list_by_action("consent.refused");
  ASSERT_EQ(refused.size(), 1u);
  std::printf("rms statement, slt recordings: %s\n", refused[0].detail_json.c_str());
  EXPECT_NE(refused[0].detail_json.find("different_voice"), std::string::npos);
}

TEST_F(ConsentServiceTest, WithoutRecordingsAcceptsThenRechecksAgainstLaterRecordings) {
  const ConsentResult result = consent_.record(ann_, spoken("rms", statement()), kNowS);
  EXPECT_FALSE(result.voice_distance);
  EXPECT_TRUE(consent_.state(ann_.id).given());
  add_recordings("slt");  // recordings made afterwards in another voice
  const ConsentState state = consent_.state(ann_.id);
  EXPECT_EQ(state.state, "voice_mismatch");
  ASSERT_TRUE(state.voice_distance);
  EXPECT_GT(*state.voice_distance, kMaxConsentVoiceDistance);
  const VoiceStatus status = studio_.status(ann_.id);
  EXPECT_TRUE(status.consent_required);
  EXPECT_FALSE(status.consent_given);
  EXPECT_EQ(status.consent_state, "voice_mismatch");
}

TEST_F(ConsentServiceTest, TheStatementOfYesterdayCountsButNotOlder) {
  ConsentPrompt yesterday = consent_.prompt(ann_, kNowS - 86400.0);
  const ConsentResult result = consent_.record(ann_, spoken("slt", yesterday.statement, "2026-11-24"), kNowS);
  EXPECT_EQ(result.consent.spoken_date, "2026-11-24");
  const auto [code, message] = refusal(spoken("slt", statement(), "2026-11-20"));
  EXPECT_EQ(code, error_code::kInvalidArgument);
  const auto [bad_code, bad_message] = refusal(spoken("slt", statement(), "tomorrow"));
  EXPECT_EQ(bad_code, error_code::kInvalidArgument);
}

TEST_F(ConsentServiceTest, BadAudioGetsTheDecodersError) {
  const auto [code, message] = refusal({"not audio at all", "x.wav", "audio/wav", ""});
  EXPECT_EQ(code, error_code::kInvalidAudio);
  EXPECT_TRUE(store::AuditLog(db_).list_by_action("consent.refused").empty());
}

}  // namespace
}  // namespace echoes::studio
