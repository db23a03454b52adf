#include "store/object_store_url.h"

#include "common/error.h"
#include "store/object_key.h"

namespace echoes::store {
namespace {

constexpr std::string_view kFileScheme = "file://";
constexpr std::string_view kS3Scheme = "s3://";

[[noreturn]] void throw_bad_url(const std::string& why) {
  throw Error(error_code::kInvalidArgument, "The object store URL is not valid: " + why);
}

ObjectStoreLocation parse_file_url(std::string_view rest) {
  if (rest.empty() || rest.front() != '/') throw_bad_url("a file:// URL needs an absolute path (file:///dir).");
  ObjectStoreLocation location;
  location.kind = ObjectStoreLocation::Kind::kFile;
  location.directory = std::string(rest);
  return location;
}

ObjectStoreLocation parse_s3_url(std::string_view rest) {
  const size_t slash = rest.find('/');
  ObjectStoreLocation location;
  location.kind = ObjectStoreLocation::Kind::kS3;
  location.bucket = std::string(rest.substr(0, slash));
  if (location.bucket.empty()) throw_bad_url("an s3:// URL needs a bucket (s3://bucket/prefix).");
  std::string_view prefix = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  while (prefix.ends_with('/')) prefix.remove_suffix(1);
  if (!prefix.empty()) {
    try {
      checked_key_components(prefix);
    } catch (const Error&) {
      throw_bad_url("the prefix after the bucket must be a plain relative path.");
    }
  }
  location.prefix = std::string(prefix);
  return location;
}

}  // namespace

ObjectStoreLocation parse_object_store_url(std::string_view url) {
  if (url.starts_with(kFileScheme)) return parse_file_url(url.substr(kFileScheme.size()));
  if (url.starts_with(kS3Scheme)) return parse_s3_url(url.substr(kS3Scheme.size()));
  throw_bad_url("it must start with file:// or s3://.");
}

}  // namespace echoes::store
