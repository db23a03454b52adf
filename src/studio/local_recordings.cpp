#include "studio/local_recordings.h"

#include "common/log.h"

namespace echoes::studio {
namespace {

constexpr const char* kScratchDir = "scratch";

void remove_tree(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (ec) log::warn("scratch_not_removed", {{"what", ec.message()}});
}

}  // namespace

LocalRecordings::LocalRecordings(const store::ObjectStore& audio, const store::FileStore& files,
                                 std::string scratch_name)
    : audio_(audio), files_(files), scratch_dir_(std::string(kScratchDir) + "/" + scratch_name) {}

LocalRecordings::~LocalRecordings() {
  if (!copies_.empty()) remove_tree(files_.resolve(scratch_dir_));
}

std::filesystem::path LocalRecordings::path(const std::string& key) {
  if (const auto local = audio_.local_path(key)) return *local;
  if (const auto it = copies_.find(key); it != copies_.end()) return it->second;
  const std::string copy = scratch_dir_ + "/" + key;
  files_.write_atomic(copy, audio_.get(key));
  return copies_[key] = files_.resolve(copy);
}

void remove_scratch_copies(const store::FileStore& files) { remove_tree(files.resolve(kScratchDir)); }

}  // namespace echoes::studio
