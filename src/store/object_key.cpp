#include "store/object_key.h"

#include <algorithm>

#include "common/error.h"

namespace echoes::store {
namespace {

constexpr size_t kMaxKeyBytes = 1024;

}  // namespace

void throw_bad_key() { throw Error(error_code::kInvalidArgument, "The file location is not allowed."); }

bool is_temp_name(std::string_view filename) { return filename.starts_with(kTempNamePrefix); }

std::vector<std::string_view> checked_key_components(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyBytes || key.front() == '/') throw_bad_key();
  if (key.find('\0') != std::string_view::npos || key.find('\\') != std::string_view::npos) throw_bad_key();
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= key.size()) {
    const size_t end = std::min(key.find('/', start), key.size());
    const std::string_view part = key.substr(start, end - start);
    if (part.empty() || part == "." || part == ".." || is_temp_name(part)) throw_bad_key();
    parts.push_back(part);
    start = end + 1;
  }
  return parts;
}

}  // namespace echoes::store
