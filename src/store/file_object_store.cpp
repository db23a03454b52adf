#include "store/file_object_store.h"

#include <algorithm>

#include "store/object_key.h"

namespace echoes::store {

FileObjectStore::FileObjectStore(const std::filesystem::path& root, FileStoreOptions options)
    : files_(root, std::move(options)) {}

std::vector<std::string> FileObjectStore::list(std::string_view folder) const {
  std::vector<std::string> keys = files_.list_files(folder);
  std::erase_if(keys, [](const std::string& key) { return is_temp_name(key.substr(key.rfind('/') + 1)); });
  return keys;
}

}  // namespace echoes::store
