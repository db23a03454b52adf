// Deleting voice data: rows and files go, the receipt counts them, verification re-reads
// the database and the folders, and nobody else's data is touched.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/error.h"
#include "store/audit_log.h"
#include "store/consent_repository.h"
#include "store/job_repository.h"
#include "store/recording_repository.h"
#include "store/recording_store.h"
#include "store/user_repository.h"
#include "store/voice_repository.h"
#include "studio/studio.h"
#include "studio/voice_deletion.h"
#include "support/temp_dir.h"

namespace echoes::studio {
namespace {

class VoiceDeletion : public ::testing::Test {
 protected:
  // One user's voice data: 2 recordings (2 files each), 2 voices (2 files each), 1 consent file.
  void add_voice_data(const std::string& user_id) {
    store::RecordingStore recordings(db_, files_);
    for (int i = 0; i < 2; ++i) {
      store::RecordingInput input;
      input.passage_id = "wisdom-legacy";
      input.original_filename = "take.wav";
      input.content_type = "audio/wav";
      input.original_bytes = "original bytes";      // 14 bytes
      input.working_wav_bytes = "working wav bytes";  // 17 bytes
      recordings.add(user_id, input);
    }
    store::VoiceRepository voices(db_);
    for (int i = 0; i < 2; ++i) {
      const auto voice = voices.create(user_id, "ready");
      const std::string dir = voices_dir(user_id) + "/" + voice.id;
      files_.write_atomic(dir + "/voice.bin", std::string(100, 'v'));
      files_.write_atomic(dir + "/build-report.json", "{}");
      voices.update(user_id, voice.id, "ready", dir, "{}");
    }
    store::ConsentRecord consent;
    consent.id = "c" + user_id.substr(1);
    consent.user_id = user_id;
    consent.statement = "I agree.";
    consent.spoken_date = "2026-11-25";
    consent.audio_path = store::recording_dir(user_id) + "/consent-" + consent.id + ".wav";
    consent.sha256 = "00";
    consent.size_bytes = 9;
    files_.write_atomic(consent.audio_path, "consent!!");
    store::ConsentRepository(db_).insert(consent);
    store::JobRepository(db_).enqueue(user_id, kTrainVoiceJob);
  }

  testing::TempDir dir_;
  store::Database db_{dir_.path() / "echoes.db"};
  store::FileStore files_{dir_.path() / "data"};
  store::User ann_ = store::UserRepository(db_).create("ann@example.com", "Ann", "hash");
  store::User bob_ = store::UserRepository(db_).create("bob@example.com", "Bob", "hash");
};

TEST_F(VoiceDeletion, DeletesEverythingOfOneUserAndProvesIt) {
  add_voice_data(ann_.id);
  add_voice_data(bob_.id);
  const auto bob_files = files_.list_files("audio/" + bob_.id).size() + files_.list_files(voices_dir(bob_.id)).size();

  const DeletionReceipt receipt = delete_all_voice_data(db_, files_, files_, ann_.id);
  EXPECT_EQ(receipt.recordings, 2);
  EXPECT_EQ(receipt.voices, 2);
  EXPECT_EQ(receipt.consents, 1);
  EXPECT_EQ(receipt.jobs, 1);
  EXPECT_EQ(receipt.files, 2 * 2 + 2 * 2 + 1);
  EXPECT_EQ(receipt.bytes, 2 * (14 + 17) + 2 * (100 + 2) + 9);
  EXPECT_TRUE(receipt.verified);
  EXPECT_GT(receipt.checked_at, 0.0);

  EXPECT_TRUE(store::RecordingRepository(db_).list(ann_.id).empty());
  EXPECT_TRUE(store::VoiceRepository(db_).list(ann_.id).empty());
  EXPECT_FALSE(store::ConsentRepository(db_).latest(ann_.id));
  EXPECT_TRUE(store::JobRepository(db_).list(ann_.id).empty());
  EXPECT_FALSE(std::filesystem::exists(files_.resolve("audio/" + ann_.id)));
  EXPECT_FALSE(std::filesystem::exists(files_.resolve(voices_dir(ann_.id))));

  // Bob keeps everything.
  EXPECT_EQ(store::RecordingRepository(db_).list(bob_.id).size(), 2u);
  EXPECT_EQ(store::VoiceRepository(db_).list(bob_.id).size(), 2u);
  EXPECT_TRUE(store::ConsentRepository(db_).latest(bob_.id));
  EXPECT_EQ(files_.list_files("audio/" + bob_.id).size() + files_.list_files(voices_dir(bob_.id)).size(), bob_files);

  // The audit trail says what happened, with counts only.
  const auto events = store::AuditLog(db_).list_by_action("voice.deleted");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].user_id, ann_.id);
  EXPECT_EQ(events[0].detail_json.find("audio/"), std::string::npos);
  EXPECT_NE(events[0].detail_json.find("\"recordings\":2"), std::string::npos) << events[0].detail_json;

  // Deleting again is harmless and still verified.
  const DeletionReceipt again = delete_all_voice_data(db_, files_, files_, ann_.id);
  EXPECT_EQ(again.files, 0);
  EXPECT_TRUE(again.verified);
}

TEST_F(VoiceDeletion, SymlinksInsideTheFoldersAreRemovedNotFollowed) {
  add_voice_data(ann_.id);
  // The file store never lists symlinks; the folder removal must drop the link, not its target.
  const auto dir = files_.resolve(voices_dir(ann_.id));
  std::filesystem::create_directories(dir / "stray");
  std::filesystem::create_symlink("/etc/hostname", dir / "stray" / "link");
  const DeletionReceipt receipt = delete_all_voice_data(db_, files_, files_, ann_.id);
  // remove_all removes the symlink itself (not its target), so the folder is gone and verified.
  EXPECT_TRUE(receipt.verified);
  EXPECT_TRUE(std::filesystem::exists("/etc/hostname"));
}

TEST_F(VoiceDeletion, RefusesWhileAVoiceIsBeingBuilt) {
  add_voice_data(ann_.id);
  ASSERT_TRUE(store::JobRepository(db_).claim_next(std::string(kTrainVoiceJob)));  // now running
  try {
    delete_all_voice_data(db_, files_, files_, ann_.id);
    FAIL() << "expected a conflict";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kConflict);
  }
  EXPECT_EQ(store::RecordingRepository(db_).list(ann_.id).size(), 2u);  // nothing deleted
  EXPECT_EQ(files_.list_files("audio/" + ann_.id).size(), 5u);
}

TEST_F(VoiceDeletion, DeletesOneVoiceOnly) {
  add_voice_data(ann_.id);
  add_voice_data(bob_.id);
  const auto voices = store::VoiceRepository(db_).list(ann_.id);
  const DeletionReceipt receipt = delete_voice(db_, files_, ann_.id, voices[0].id);
  EXPECT_EQ(receipt.voices, 1);
  EXPECT_EQ(receipt.files, 2);
  EXPECT_EQ(receipt.bytes, 102);
  EXPECT_TRUE(receipt.verified);
  EXPECT_FALSE(std::filesystem::exists(files_.resolve(voices_dir(ann_.id) + "/" + voices[0].id)));
  EXPECT_EQ(store::VoiceRepository(db_).list(ann_.id).size(), 1u);
  EXPECT_EQ(files_.list_files(voices_dir(ann_.id) + "/" + voices[1].id).size(), 2u);
  EXPECT_EQ(store::RecordingRepository(db_).list(ann_.id).size(), 2u);

  const auto bobs = store::VoiceRepository(db_).list(bob_.id);
  for (const std::string& id : {voices[0].id, bobs[0].id}) {  // gone, and someone else's
    try {
      delete_voice(db_, files_, ann_.id, id);
      FAIL() << "expected not_found";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), error_code::kNotFound);
    }
  }
  EXPECT_EQ(store::VoiceRepository(db_).list(bob_.id).size(), 2u);
}

}  // namespace
}  // namespace echoes::studio
