#include "studio/voice_deletion.h"

#include <filesystem>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/log.h"
#include "store/audit_log.h"
#include "store/clock.h"
#include "store/consent_repository.h"
#include "store/job_repository.h"
#include "store/recording_repository.h"
#include "store/recording_store.h"
#include "store/voice_repository.h"
#include "studio/studio.h"

namespace echoes::studio {
namespace {

namespace fs = std::filesystem;

// Rows of `table` that belong to the user, read again from the database.
int count_rows(store::Database& db, const char* table, const std::string& user_id) {
  auto st = db.connection().prepare(std::string("SELECT COUNT(*) FROM ") + table + " WHERE user_id = ?");
  st.bind(1, user_id);
  return st.step() ? static_cast<int>(st.column_int64(0)) : 0;
}

bool build_running(store::Database& db, const std::string& user_id) {
  const auto active = store::JobRepository(db).find_active(user_id, std::string(kTrainVoiceJob));
  return active && active->state == store::job_state::kRunning;
}

// Deletes the user's voice-building jobs; refuses while one is running.
int remove_training_jobs(store::Database& db, const std::string& user_id) {
  if (build_running(db, user_id)) {
    throw Error(error_code::kConflict,
                "Your voice is being built right now. Please wait for it to finish, then delete it.");
  }
  auto& c = db.connection();
  c.prepare("DELETE FROM jobs WHERE user_id = ? AND kind = ?").bind_all(user_id, std::string(kTrainVoiceJob)).run();
  return c.changes();
}

// Deletes every object below `folder`, then (on local disk) the folder itself; adds to the
// receipt (bytes only for local files: S3's listing here carries no sizes).
void remove_folder(const store::ObjectStore& objects, const std::string& folder, DeletionReceipt& receipt) {
  for (const std::string& key : objects.list(folder)) {
    std::error_code ec;
    const std::optional<fs::path> file = objects.local_path(key);
    const auto size = file ? fs::file_size(*file, ec) : 0;
    if (objects.remove(key)) {
      ++receipt.files;
      if (file && !ec) receipt.bytes += static_cast<std::int64_t>(size);
    }
  }
  const std::optional<fs::path> dir = objects.local_path(folder);
  std::error_code ec;
  if (dir) fs::remove_all(*dir, ec);  // the empty folders; anything left fails verification
  if (ec) log::warn("voice_folder_not_removed", {{"what", ec.message()}});
}

bool folder_gone(const store::ObjectStore& objects, const std::string& folder) {
  const std::optional<fs::path> dir = objects.local_path(folder);
  std::error_code ec;
  return objects.list(folder).empty() && (!dir || !fs::exists(fs::symlink_status(*dir, ec)));
}

void audit_deletion(store::Database& db, const std::string& user_id, const std::string& target,
                    const DeletionReceipt& receipt) {
  const nlohmann::json detail = {{"recordings", receipt.recordings},
                                 {"voices", receipt.voices},
                                 {"consents", receipt.consents},
                                 {"jobs", receipt.jobs}};
  store::AuditLog(db).record(user_id, "voice.deleted", target, detail.dump());
}

}  // namespace

std::string voices_dir(const std::string& user_id) { return "voices/" + user_id; }

int remove_interrupted_builds(store::Database& db, const store::FileStore& files) {
  int removed = 0;
  store::JobRepository jobs(db);
  for (const auto& voice : store::VoiceRepository(db).list_all_with_status("building")) {
    if (jobs.has_live_job(voice.user_id)) continue;  // another node is building it now
    removed += delete_voice(db, files, voice.user_id, voice.id).voices;
  }
  return removed;
}

DeletionReceipt delete_all_voice_data(store::Database& db, const store::FileStore& files,
                                      const store::ObjectStore& audio, const std::string& user_id) {
  DeletionReceipt receipt;
  {
    store::Transaction tx(db.connection());
    receipt.jobs = remove_training_jobs(db, user_id);
    store::RecordingRepository recordings(db);
    for (const auto& r : recordings.list(user_id)) receipt.recordings += recordings.remove(user_id, r.id) ? 1 : 0;
    store::VoiceRepository voices(db);
    for (const auto& v : voices.list(user_id)) receipt.voices += voices.remove(user_id, v.id) ? 1 : 0;
    receipt.consents = store::ConsentRepository(db).remove_all(user_id);
    audit_deletion(db, user_id, "", receipt);
    tx.commit();
  }
  // The rows are gone for good (synchronous=FULL), so the files can go.
  remove_folder(audio, store::recording_dir(user_id), receipt);
  remove_folder(files, voices_dir(user_id), receipt);

  receipt.checked_at = store::unix_now_s();
  receipt.verified = count_rows(db, "recordings", user_id) == 0 && count_rows(db, "voices", user_id) == 0 &&
                     count_rows(db, "consents", user_id) == 0 && folder_gone(audio, store::recording_dir(user_id)) &&
                     folder_gone(files, voices_dir(user_id));
  if (!receipt.verified) log::error("voice_deletion_not_verified", {{"userId", user_id}});
  return receipt;
}

DeletionReceipt delete_voice(store::Database& db, const store::FileStore& files, const std::string& user_id,
                             const std::string& voice_id) {
  store::VoiceRepository voices(db);
  DeletionReceipt receipt;
  {
    store::Transaction tx(db.connection());
    const auto voice = voices.get(user_id, voice_id);
    if (!voice) throw Error(error_code::kNotFound, "That voice does not exist.");
    if (voice->status == "building" && build_running(db, user_id)) {
      throw Error(error_code::kConflict, "This voice is being built right now. Please wait for it to finish.");
    }
    receipt.voices = voices.remove(user_id, voice_id) ? 1 : 0;
    audit_deletion(db, user_id, voice_id, receipt);
    tx.commit();
  }
  const std::string folder = voices_dir(user_id) + "/" + voice_id;
  remove_folder(files, folder, receipt);
  receipt.checked_at = store::unix_now_s();
  receipt.verified = !voices.get(user_id, voice_id) && folder_gone(files, folder);
  return receipt;
}

}  // namespace echoes::studio
