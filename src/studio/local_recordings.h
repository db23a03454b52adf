#pragma once
// Recordings as local files, for the code that needs paths (the voice builder and the
// voice assessor read WAV files). When the audio store keeps a recording on local disk
// (the default, files under data_dir) that file is used as is; otherwise (S3) it is copied
// once into <data_dir>/scratch/<name>/ and the copies go when this object does.
#include <filesystem>
#include <map>
#include <string>

#include "store/file_store.h"
#include "store/object_store.h"

namespace echoes::studio {

class LocalRecordings {
 public:
  /// Copies, when needed, go below scratch/<scratch_name>/ in `files`.
  LocalRecordings(const store::ObjectStore& audio, const store::FileStore& files, std::string scratch_name);
  /// Deletes the copies (never the recordings themselves).
  ~LocalRecordings();
  LocalRecordings(const LocalRecordings&) = delete;
  LocalRecordings& operator=(const LocalRecordings&) = delete;

  /// A local file holding the recording `key`; throws as ObjectStore::get does.
  std::filesystem::path path(const std::string& key);

 private:
  const store::ObjectStore& audio_;
  const store::FileStore& files_;
  std::string scratch_dir_;                           // "scratch/<name>", relative to data_dir
  std::map<std::string, std::filesystem::path> copies_;  // key -> local copy
};

/// Deletes every scratch copy a crashed process left (start-up, before the training worker).
void remove_scratch_copies(const store::FileStore& files);

}  // namespace echoes::studio
