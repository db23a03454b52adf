#pragma once
// Registering and deleting recordings: files and database row together, in
// the order that keeps a crash harmless (docs/data-model.md, "Crash safety").
//
//   add:    write both files atomically  ->  insert the row (+ audit) in one transaction
//   remove: delete the row (+ audit) in one transaction  ->  delete the files
//
// A crash between the two steps leaves only unreferenced files, which
// cleanup_orphans() (store/cleanup.h) deletes on the next start. A row never
// points at a file that was not completely written.
#include <string>
#include <string_view>

#include "store/database.h"
#include "store/file_store.h"
#include "store/object_store.h"
#include "store/records.h"

namespace echoes::store {

struct RecordingInput {
  std::string passage_id;
  std::string original_filename;      // as uploaded; sanitized before storing
  std::string content_type;           // as uploaded, e.g. "audio/wav"
  std::string_view original_bytes;    // the upload, kept unchanged
  std::string_view working_wav_bytes; // 22,050 Hz WAV made from it
  double duration_s = 0;
  std::string analysis_json = "{}";
};

struct RecordingStoreOptions {
  /// Tests only: called with "recording.files_written" after both files are
  /// in place and before the row is inserted.
  FaultHook fault_hook;
};

/// Thread-safe (uses the calling thread's connection).
class RecordingStore {
 public:
  /// Recordings' files go to `objects` (the data dir's FileStore, or object_store_url's store).
  RecordingStore(Database& db, const ObjectStore& objects, RecordingStoreOptions options = {});

  /// Stores the files under audio/<user_id>/ and registers the recording.
  /// Throws kInvalidArgument / kEmptyAudio for bad input, kNotFound when the
  /// user does not exist; on any failure no row exists and the files written
  /// so far are deleted (or left for cleanup_orphans() if even that fails).
  RecordingRecord add(const std::string& user_id, const RecordingInput& input);

  /// Deletes the user's recording and its files; false when the user has no
  /// recording with this id.
  bool remove(const std::string& user_id, const std::string& recording_id);

 private:
  Database& db_;
  const ObjectStore& objects_;
  RecordingStoreOptions options_;
};

/// Folder (key prefix in the object store) holding a user's recording files.
std::string recording_dir(const std::string& user_id);

}  // namespace echoes::store
