#pragma once
// The object store a configuration names (object_store_url and the s3_* settings).
#include <memory>

#include "common/config.h"
#include "store/object_store.h"

namespace echoes::store {

/// Opens the store of `config.object_store_url`: a FileStore for file:///dir, an
/// S3ObjectStore for s3://bucket[/prefix] (s3_endpoint, s3_region, s3_access_key and
/// s3_secret_key must be set). Logs which store it opened (never a key). Throws
/// kInvalidArgument saying which setting is wrong, also for an empty URL: the data dir's
/// own FileStore is the caller's default. No network I/O.
std::unique_ptr<ObjectStore> open_object_store(const Config& config);

}  // namespace echoes::store
