#pragma once
// The object store on an S3-compatible service (AWS S3, Ceph's radosgw, ...), over libcurl
// with AWS Signature V4 and path-style addressing (<endpoint>/<bucket>/<key>), so any
// endpoint works without DNS names per bucket.
//
// put() is one PUT: S3 makes the object visible whole or not at all, and the signed
// x-amz-content-sha256 makes the service refuse a body that arrives changed or cut short.
// remove() asks HEAD first (S3's DELETE does not say whether there was an object).
// list() pages through ListObjectsV2 with continuation tokens.
#include <string>

#include "store/object_store.h"
#include "store/s3_request.h"

namespace echoes::store {

struct S3Settings {
  S3Endpoint endpoint;      // URL, region, keys, timeouts
  std::string bucket;       // must exist (create_bucket() makes it)
  std::string prefix;       // "" or a key such as "echoes/prod": objects are <prefix>/<key>
  int list_page_keys = 1000;  // max-keys per ListObjectsV2 page (S3's maximum)
};

class S3ObjectStore final : public ObjectStore {
 public:
  /// Checks the settings (http(s) endpoint without credentials in it, S3 bucket name rules,
  /// prefix a valid key); throws kInvalidArgument saying what is wrong. No network I/O.
  explicit S3ObjectStore(S3Settings settings);

  void put(std::string_view key, std::string_view bytes) const override;
  std::string get(std::string_view key) const override;
  bool exists(std::string_view key) const override;
  bool remove(std::string_view key) const override;
  std::vector<std::string> list(std::string_view folder) const override;
  std::string describe() const override;

  /// Creates the bucket; an existing bucket of the same owner is fine.
  void create_bucket() const;

 private:
  /// "/<bucket>/<prefix>/<key>", encoded; checks the key.
  std::string object_path(std::string_view key) const;
  /// One ListObjectsV2 page of keys under `full_prefix`; sets `next_token` ("" at the end).
  std::vector<std::string> list_page(const std::string& full_prefix, std::string& next_token) const;

  S3Settings settings_;
};

}  // namespace echoes::store
