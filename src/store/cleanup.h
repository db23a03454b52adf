#pragma once
// Start-up repair of the files/rows invariant after a crash. Run once on
// start, before the server accepts requests or workers run: a recording being
// added concurrently would look like an orphan.
#include "store/database.h"
#include "store/file_store.h"

namespace echoes::store {

struct CleanupReport {
  int temp_files_removed = 0;         // ".tmp-*" files from interrupted writes
  int orphan_files_removed = 0;       // files under audio/ no recording or consent row refers to
  int orphan_files_kept = 0;          // such files in a shared object store, left alone
  int recordings_marked_missing = 0;  // rows whose file(s) vanished: flagged, not deleted
  int recordings_restored = 0;        // flagged rows whose files are back
};

/// Deletes temp files anywhere under the data dir and unreferenced files
/// under audio/; flags rows whose files are missing (files_missing = 1) and
/// unflags rows whose files are back. Rows are never deleted here: a missing
/// file means something outside Echoes changed the data dir (e.g. a wrong
/// mount), and deleting rows would make that mistake permanent. Every change
/// is written to the audit log.
///
/// Recordings live in `files` unless `shared_audio` is given (object_store_url). Orphans
/// there are only counted: other nodes share that store, and one of them may be between
/// writing a recording's files and inserting its row. One listing of audio/ tells which
/// files exist (no request per row on S3).
CleanupReport cleanup_orphans(Database& db, const FileStore& files, const ObjectStore* shared_audio = nullptr);

}  // namespace echoes::store
