#pragma once
// The object store on local disk: keys are files below one folder (FileStore, with its
// guarantees: temp file + fsync + rename + folder fsync, path checks, no symlinks).
#include <filesystem>

#include "store/file_store.h"
#include "store/object_store.h"

namespace echoes::store {

class FileObjectStore final : public ObjectStore {
 public:
  /// Objects below `root`, created if needed. Throws kInternal when that fails.
  explicit FileObjectStore(const std::filesystem::path& root, FileStoreOptions options = {});

  void put(std::string_view key, std::string_view bytes) const override { files_.write_atomic(key, bytes); }
  std::string get(std::string_view key) const override { return files_.read(key); }
  bool exists(std::string_view key) const override { return files_.exists(key); }
  bool remove(std::string_view key) const override { return files_.remove(key); }
  /// As ObjectStore::list, without temp files of writes in progress.
  std::vector<std::string> list(std::string_view folder) const override;
  std::string describe() const override { return "file://" + files_.data_dir().string(); }

  /// The underlying files (start-up cleanup of temp files works on it).
  const FileStore& files() const { return files_; }

 private:
  FileStore files_;
};

}  // namespace echoes::store
