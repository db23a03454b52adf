#include "store/open_object_store.h"

#include "common/error.h"
#include "common/log.h"
#include "store/file_store.h"
#include "store/object_store_url.h"
#include "store/s3_object_store.h"

namespace echoes::store {
namespace {

std::unique_ptr<ObjectStore> open_s3(const Config& config, const ObjectStoreLocation& location) {
  if (config.s3_endpoint.empty()) {
    throw Error(error_code::kInvalidArgument, "An s3:// object_store_url needs s3_endpoint.");
  }
  S3Settings settings;
  settings.endpoint.url = config.s3_endpoint;
  settings.endpoint.region = config.s3_region;
  settings.endpoint.access_key = config.s3_access_key;
  settings.endpoint.secret_key = config.s3_secret_key;
  settings.bucket = location.bucket;
  settings.prefix = location.prefix;
  return std::make_unique<S3ObjectStore>(settings);
}

}  // namespace

std::unique_ptr<ObjectStore> open_object_store(const Config& config) {
  if (config.object_store_url.empty()) {
    throw Error(error_code::kInvalidArgument, "object_store_url is empty: the data directory is used.");
  }
  const ObjectStoreLocation location = parse_object_store_url(config.object_store_url);
  std::unique_ptr<ObjectStore> store = location.kind == ObjectStoreLocation::Kind::kS3
                                           ? open_s3(config, location)
                                           : std::make_unique<FileStore>(location.directory);
  log::info("object_store_opened", {{"store", store->describe()}});
  return store;
}

}  // namespace echoes::store
