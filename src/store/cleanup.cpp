#include "store/cleanup.h"

#include <nlohmann/json.hpp>
#include "common/log.h"
#include <unordered_set>

#include "common/error.h"
#include "store/audit_log.h"
#include "store/consent_repository.h"
#include "store/recording_repository.h"

namespace echoes::store {
namespace {

// Flags or unflags one row; returns +1 when newly missing, -1 when restored, 0 otherwise.
int reconcile(Database& db, const std::unordered_set<std::string>& present, const RecordingRecord& r) {
  const bool missing = !present.count(r.original_path) || !present.count(r.working_path);
  if (missing == r.files_missing) return 0;
  Transaction tx(db.connection());
  RecordingRepository(db).set_files_missing(r.id, missing);
  AuditLog(db).record(r.user_id, missing ? "recording.files_missing" : "recording.files_restored", r.id);
  tx.commit();
  return missing ? 1 : -1;
}

}  // namespace

CleanupReport cleanup_orphans(Database& db, const FileStore& files, const ObjectStore* shared_audio) {
  CleanupReport report;
  report.temp_files_removed = files.remove_temp_files();
  const ObjectStore& audio = shared_audio ? *shared_audio : files;

  const std::vector<RecordingRecord> rows = RecordingRepository(db).list_all();
  std::unordered_set<std::string> referenced;
  for (const RecordingRecord& r : rows) {
    referenced.insert(r.original_path);
    referenced.insert(r.working_path);
  }
  // Consent recordings live next to the user's recordings and are kept while a consent row refers to them.
  for (const std::string& path : ConsentRepository(db).all_audio_paths()) referenced.insert(path);
  std::unordered_set<std::string> present;
  for (const std::string& path : audio.list("audio")) {
    if (referenced.count(path)) {
      present.insert(path);
    } else if (shared_audio) {
      ++report.orphan_files_kept;
    } else if (files.remove(path)) {
      ++report.orphan_files_removed;
    }
  }
  for (const RecordingRecord& r : rows) {
    const int change = reconcile(db, present, r);
    if (change > 0) ++report.recordings_marked_missing;
    if (change < 0) ++report.recordings_restored;
  }

  if (report.temp_files_removed > 0 || report.orphan_files_removed > 0 || report.orphan_files_kept > 0) {
    const nlohmann::json detail = {{"temp_files_removed", report.temp_files_removed},
                                   {"orphan_files_removed", report.orphan_files_removed},
                                   {"orphan_files_kept", report.orphan_files_kept}};
    AuditLog(db).record(std::nullopt, "store.cleanup", "", detail.dump());
    log::info("startup_cleanup", detail);
  }
  return report;
}

}  // namespace echoes::store
