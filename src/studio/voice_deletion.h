#pragma once
// Deleting a person's voice data, verifiably (docs/consent.md, "Deletion"):
// every voice (rows + folders under voices/<user>/), every recording (rows + files under
// audio/<user>/), the consent recordings and rows, and the voice-building jobs. Rows go first
// in one transaction (with the audit event "voice.deleted", which records counts, never
// content); then the files. Afterwards the database and the folders are read again to prove
// nothing is left.
#include <cstdint>
#include <string>

#include "store/database.h"
#include "store/file_store.h"

namespace echoes::studio {

struct DeletionReceipt {
  int recordings = 0;       ///< recording rows deleted
  int voices = 0;           ///< voice rows deleted
  int consents = 0;         ///< consent rows deleted
  int jobs = 0;             ///< voice-building jobs deleted
  int files = 0;            ///< files deleted
  std::int64_t bytes = 0;   ///< their total size, bytes
  /// True when the re-read found no recording, voice or consent row of the user and no
  /// file left in the deleted folders.
  bool verified = false;
  double checked_at = 0.0;  ///< when the verification ran, unix seconds
};

/// Deletes all of `user_id`'s voices (folders under `files`), recordings and consents (files
/// in `audio`: the data dir's `files` or object_store_url's store) and voice-building jobs.
/// Throws echoes::Error(conflict) while a voice is being built (the build would write a new
/// voice after the deletion); nothing is deleted then. Bytes are counted for files on local
/// disk only.
DeletionReceipt delete_all_voice_data(store::Database& db, const store::FileStore& files,
                                      const store::ObjectStore& audio, const std::string& user_id);

/// Deletes one voice (row and folder). Throws kNotFound for an unknown id or another user's
/// voice, kConflict while that voice is being built. The receipt counts one voice.
DeletionReceipt delete_voice(store::Database& db, const store::FileStore& files, const std::string& user_id,
                             const std::string& voice_id);

/// Start-up repair, after JobRepository::requeue_interrupted() and before the training
/// worker starts: deletes every voice (row and folder) left at "building" by a build no
/// worker holds any more (its user has no running job under a live lease; on PostgreSQL
/// another node may be building one right now). Its job was requeued (the retry builds a
/// new voice) or failed, so each finished build leaves exactly one voice. Returns how many went.
int remove_interrupted_builds(store::Database& db, const store::FileStore& files);

/// Folder (relative to the data dir) holding a user's voices.
std::string voices_dir(const std::string& user_id);

}  // namespace echoes::studio
