#pragma once
// The file backend of ObjectStore (object_store.h): files under the Echoes data directory, addressed by relative paths such as
// "audio/<user_id>/<recording_id>.wav".
//
// Writes are atomic: the bytes go to a temp file ".tmp-<random>" in the same
// folder, are fsync'ed, renamed over the target, and the folder is fsync'ed.
// A crash leaves either the old state or the complete new file, plus at most
// a temp file that remove_temp_files() deletes on the next start.
//
// Relative paths are checked before use (the object-key rules, object_key.h):
// absolute paths, "..", ".", empty components, backslashes, NUL, names starting
// with ".tmp-" and any symlink below the data directory are rejected with
// kInvalidArgument.
//
// Thread-safe: the object is immutable after construction.
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/object_store.h"

namespace echoes::store {

/// Called at named points inside operations so tests can simulate failures
/// (throw) or crashes (_exit). Points: "file.partial_write" (after the first
/// chunk of the temp file), "file.written" (temp complete, not yet synced),
/// "file.renamed" (target in place, folder not yet synced).
using FaultHook = std::function<void(std::string_view point)>;

struct FileStoreOptions {
  FaultHook fault_hook;  // tests only; empty in production
};

class FileStore final : public ObjectStore {
 public:
  /// Creates `data_dir` if needed. Throws kInternal when that fails.
  explicit FileStore(const std::filesystem::path& data_dir, FileStoreOptions options = {});

  /// The canonical absolute data directory.
  const std::filesystem::path& data_dir() const { return data_dir_; }

  /// Absolute path of a checked relative path (see the rules above).
  std::filesystem::path resolve(std::string_view relative_path) const;
  /// Writes `bytes` to `relative_path` atomically, creating folders as needed.
  /// Throws kInternal (plain message) when the disk refuses.
  void write_atomic(std::string_view relative_path, std::string_view bytes) const;
  /// The whole file. Throws kNotFound when it does not exist.
  std::string read(std::string_view relative_path) const;
  bool exists(std::string_view relative_path) const override;
  /// Deletes the file; false when it did not exist.
  bool remove(std::string_view relative_path) const override;
  /// Regular files below `relative_dir` (recursive), as relative paths with
  /// '/' separators, sorted, temp files included. Empty when the folder does not exist.
  std::vector<std::string> list_files(std::string_view relative_dir) const;

  // ObjectStore: keys are relative paths.
  void put(std::string_view key, std::string_view bytes) const override { write_atomic(key, bytes); }
  std::string get(std::string_view key) const override { return read(key); }
  /// list_files() without the temp files of writes in progress.
  std::vector<std::string> list(std::string_view folder) const override;
  std::string describe() const override { return "file://" + data_dir_.string(); }
  std::optional<std::filesystem::path> local_path(std::string_view key) const override { return resolve(key); }
  /// Deletes every ".tmp-*" file below the data directory (left by a crash
  /// during write_atomic); returns how many. Run on start, before writers.
  int remove_temp_files() const;

  /// True for names write_atomic() uses for its temp files.
  static bool is_temp_name(std::string_view filename);

 private:
  void fault(std::string_view point) const;
  void ensure_directories(const std::filesystem::path& absolute_dir) const;

  std::filesystem::path data_dir_;
  FileStoreOptions options_;
};

/// Lowercase hex SHA-256 of `bytes` (64 characters).
std::string sha256_hex(std::string_view bytes);

}  // namespace echoes::store
