#pragma once
// What a failed S3 request means for Echoes: the echoes::Error to throw (see
// object_store.h for the codes), after logging the details an operator needs (operation,
// key, HTTP status, S3 error code, request id, network error). Neither carries the
// access or secret key.
#include <string_view>

#include "common/error.h"
#include "store/s3_request.h"

namespace echoes::store {

/// The error for `response` to `operation` ("put", "get", ...) on `key`, logged unless it
/// is kNotFound (a 404 other than a missing bucket: an ordinary answer).
Error s3_error(const S3Response& response, std::string_view operation, std::string_view key);

}  // namespace echoes::store
