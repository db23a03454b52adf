#pragma once
// Where audio and voice files live, as a URL: "file:///srv/echoes/objects" (a folder on
// local disk) or "s3://bucket" / "s3://bucket/prefix" (an S3-compatible service; its
// endpoint, region and keys are separate settings, never part of the URL).
#include <string>
#include <string_view>

namespace echoes::store {

struct ObjectStoreLocation {
  enum class Kind { kFile, kS3 };
  Kind kind = Kind::kFile;
  std::string directory;  // kFile: an absolute path
  std::string bucket;     // kS3
  std::string prefix;     // kS3: "" or a key such as "echoes/prod" (no leading or trailing '/')
};

/// Parses a file:// or s3:// URL. Throws kInvalidArgument saying what is wrong: another
/// scheme, a file:// URL with a host or a relative path, an s3:// URL without a bucket or
/// with a prefix that is not a valid key (object_key.h). No percent-decoding.
ObjectStoreLocation parse_object_store_url(std::string_view url);

}  // namespace echoes::store
