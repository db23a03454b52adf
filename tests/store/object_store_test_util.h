#pragma once
// Object stores for the store tests: the file backend in a temp folder, or the S3 backend
// on a fresh bucket of the throwaway Ceph cluster (support/ceph_cluster.h).
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "common/error.h"
#include "store/object_store.h"
#include "store/s3_object_store.h"
#include "support/ceph_cluster.h"

namespace echoes::store::test {

/// S3 settings for `bucket` of the test cluster's account.
inline S3Settings s3_settings(const echoes::testing::S3Account& account, const std::string& bucket,
                              const std::string& prefix = "") {
  S3Settings settings;
  settings.endpoint.url = account.endpoint;
  settings.endpoint.access_key = account.access_key;
  settings.endpoint.secret_key = account.secret_key;
  settings.bucket = bucket;
  settings.prefix = prefix;
  return settings;
}

/// An S3 store on a new bucket of the shared cluster, or null when Ceph is unavailable (the
/// test is then skipped, or failed under CI=true, by require_ceph).
inline std::unique_ptr<S3ObjectStore> fresh_s3_store(const std::string& prefix = "", int list_page_keys = 1000) {
  echoes::testing::S3Account account;
  std::string bucket;
  echoes::testing::require_ceph(account, bucket);
  if (bucket.empty()) return nullptr;
  S3Settings settings = s3_settings(account, bucket, prefix);
  settings.list_page_keys = list_page_keys;
  auto store = std::make_unique<S3ObjectStore>(settings);
  store->create_bucket();
  return store;
}

/// The echoes::Error `f` throws; fails the test when it throws none.
inline Error thrown_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected an echoes::Error";
  return Error("none", "");
}

}  // namespace echoes::store::test
