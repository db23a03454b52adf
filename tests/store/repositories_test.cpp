// Users, recordings, voices and audit events at repository level, with the
// central rule: one user never sees or changes another user's rows.
#include <gtest/gtest.h>

#include "common/error.h"
#include "store/audit_log.h"
#include "store/ids.h"
#include "store/recording_repository.h"
#include "store/session_repository.h"
#include "store/user_repository.h"
#include "store/voice_repository.h"
#include "store_test_util.h"
#include "support/temp_dir.h"

namespace echoes::store {
namespace {

using echoes::testing::TempDir;

class Users : public test::BackendTest {};
ECHOES_ON_BOTH_BACKENDS(Users);

class TwoUsers : public test::BackendTest {
 protected:
  void SetUp() override {
    test::BackendTest::SetUp();
    if (!db) return;
    alice = test::make_user(*db, "alice@example.com");
    bob = test::make_user(*db, "bob@example.com");
  }
  User alice;
  User bob;
};
ECHOES_ON_BOTH_BACKENDS(TwoUsers);

RecordingRecord sample_recording(const User& owner, const std::string& passage = "p1") {
  RecordingRecord r;
  r.id = new_id();
  r.user_id = owner.id;
  r.passage_id = passage;
  r.original_filename = "take.wav";
  r.content_type = "audio/wav";
  r.original_path = "audio/" + owner.id + "/" + r.id + ".orig.wav";
  r.working_path = "audio/" + owner.id + "/" + r.id + ".wav";
  r.sha256 = std::string(64, 'a');
  r.size_bytes = 1234;
  r.duration_s = 3.5;
  r.analysis_json = R"({"snr_db":30})";
  r.created_at = 1000;
  return r;
}

TEST_P(Users, CreatesAndFindsUsers) {
  UserRepository users(*db);
  const User u = users.create("carol@example.com", "Carol", "$argon2id$x");
  EXPECT_TRUE(is_valid_id(u.id));
  EXPECT_EQ(u.role, "user");
  EXPECT_EQ(users.find_by_id(u.id)->email, "carol@example.com");
  EXPECT_EQ(users.find_by_email("CAROL@example.com")->id, u.id);
  EXPECT_EQ(users.find_credentials("carol@example.com")->password_hash, "$argon2id$x");
  EXPECT_FALSE(users.find_by_email("nobody@example.com"));
  EXPECT_TRUE(users.set_role(u.id, "admin"));
  EXPECT_EQ(users.find_by_id(u.id)->role, "admin");
  EXPECT_THROW(users.set_role(u.id, "root"), Error);
  EXPECT_FALSE(users.set_role(new_id(), "admin"));
}

TEST_P(Users, DuplicateEmailIsConflict) {
  UserRepository users(*db);
  users.create("dup@example.com", "One", "h");
  try {
    users.create("Dup@Example.com", "Two", "h");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kConflict);
  }
}

TEST_P(TwoUsers, RecordingsAreVisibleOnlyToTheirOwner) {
  RecordingRepository recordings(*db);
  const RecordingRecord mine = sample_recording(alice);
  recordings.insert(mine);
  recordings.insert(sample_recording(bob));

  const auto got = recordings.get(alice.id, mine.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->analysis_json, mine.analysis_json);
  EXPECT_EQ(got->size_bytes, 1234);
  EXPECT_DOUBLE_EQ(got->duration_s, 3.5);
  EXPECT_FALSE(recordings.get(bob.id, mine.id));
  EXPECT_EQ(recordings.list(alice.id).size(), 1u);
  EXPECT_EQ(recordings.list(bob.id).size(), 1u);
  EXPECT_EQ(recordings.list_for_passage(alice.id, "p1").size(), 1u);
  EXPECT_TRUE(recordings.list_for_passage(alice.id, "p2").empty());

  EXPECT_FALSE(recordings.update_analysis(bob.id, mine.id, "{}"));
  EXPECT_FALSE(recordings.remove(bob.id, mine.id));
  EXPECT_TRUE(recordings.get(alice.id, mine.id));

  EXPECT_TRUE(recordings.update_analysis(alice.id, mine.id, R"({"snr_db":31})"));
  EXPECT_EQ(recordings.get(alice.id, mine.id)->analysis_json, R"({"snr_db":31})");
  EXPECT_TRUE(recordings.remove(alice.id, mine.id));
  EXPECT_FALSE(recordings.get(alice.id, mine.id));
  EXPECT_EQ(recordings.list(bob.id).size(), 1u);
}

TEST_P(TwoUsers, InvalidAnalysisJsonIsRejected) {
  RecordingRepository recordings(*db);
  RecordingRecord r = sample_recording(alice);
  r.analysis_json = "{not json";
  EXPECT_THROW(recordings.insert(r), Error);
}

TEST_P(TwoUsers, RecordingForUnknownUserIsNotFound) {
  RecordingRepository recordings(*db);
  User ghost = alice;
  ghost.id = new_id();
  try {
    recordings.insert(sample_recording(ghost));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kNotFound);
  }
}

TEST_P(TwoUsers, VoicesAreVisibleOnlyToTheirOwner) {
  VoiceRepository voices(*db);
  const Voice v = voices.create(alice.id, "building");
  voices.create(bob.id, "building");
  EXPECT_TRUE(voices.get(alice.id, v.id));
  EXPECT_FALSE(voices.get(bob.id, v.id));
  EXPECT_FALSE(voices.update(bob.id, v.id, "ready", "voices/x", "{}"));
  EXPECT_EQ(voices.get(alice.id, v.id)->status, "building");
  EXPECT_TRUE(voices.update(alice.id, v.id, "ready", std::string("voices/" + v.id), R"({"mcd_db":4.2})"));
  const Voice updated = *voices.get(alice.id, v.id);
  EXPECT_EQ(updated.status, "ready");
  EXPECT_EQ(updated.path, "voices/" + v.id);
  EXPECT_EQ(updated.quality_json, R"({"mcd_db":4.2})");
  EXPECT_GE(updated.updated_at, updated.created_at);
  EXPECT_EQ(voices.list(alice.id).size(), 1u);
  EXPECT_FALSE(voices.remove(bob.id, v.id));
  EXPECT_TRUE(voices.remove(alice.id, v.id));
  EXPECT_TRUE(voices.list(alice.id).empty());
  EXPECT_EQ(voices.list(bob.id).size(), 1u);
}

TEST_P(TwoUsers, SessionsRevokeAndPurge) {
  SessionRepository sessions(*db);
  sessions.create({"h1", alice.id, 100, 200, std::nullopt});
  sessions.create({"h2", alice.id, 100, 1000, std::nullopt});
  sessions.create({"h3", bob.id, 100, 1000, std::nullopt});
  EXPECT_EQ(sessions.find("h1")->user_id, alice.id);
  EXPECT_TRUE(sessions.revoke("h1", 150));
  EXPECT_FALSE(sessions.revoke("h1", 160));  // already revoked
  EXPECT_DOUBLE_EQ(*sessions.find("h1")->revoked_at, 150);
  EXPECT_EQ(sessions.revoke_all_for_user(alice.id, 170), 1);  // h2 only
  EXPECT_EQ(sessions.purge(300), 2);                          // h1 (revoked at 150) and h2 (revoked at 170)
  EXPECT_FALSE(sessions.find("h2"));
  EXPECT_TRUE(sessions.find("h3"));
}

TEST_P(TwoUsers, AuditLogRecordsPerUserAndAnonymous) {
  AuditLog audit(*db);
  audit.record(alice.id, "auth.login", alice.id);
  audit.record(std::nullopt, "auth.login_failed", "nobody@example.com", R"({"reason":"unknown_email"})");
  audit.record(bob.id, "auth.login", bob.id);
  const auto events = audit.list_for_user(alice.id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "auth.login");
  const auto failed = audit.list_by_action("auth.login_failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_FALSE(failed[0].user_id);
  EXPECT_THROW(audit.record(alice.id, "x", "", "not json"), Error);
}

}  // namespace
}  // namespace echoes::store
