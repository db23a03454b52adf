#include "store/s3_error.h"

#include <string>

#include "common/log.h"
#include "store/s3_xml.h"

namespace echoes::store {
namespace {

Error credentials_refused(const std::string& s3_code) {
  const std::string reason = s3_code.empty() ? "" : " (" + s3_code + ")";
  return Error(error_code::kUnavailable,
               "The object store refused Echoes' credentials" + reason + ": check s3_access_key and s3_secret_key.");
}

// The error for an HTTP answer other than success.
Error http_error(long status, const std::string& s3_code) {
  if (status == 404 && s3_code == "NoSuchBucket") {
    return Error(error_code::kUnavailable, "The object store's bucket does not exist.");
  }
  if (status == 404) return Error(error_code::kNotFound, "The file was not found.");
  if (status == 401 || status == 403) return credentials_refused(s3_code);
  const std::string what = "HTTP " + std::to_string(status) + (s3_code.empty() ? "" : " " + s3_code);
  if (status >= 500) return Error(error_code::kUnavailable, "The object store is not available right now (" + what + ").");
  return Error(error_code::kInternal, "The object store rejected the request (" + what + ").");
}

}  // namespace

Error s3_error(const S3Response& response, std::string_view operation, std::string_view key) {
  const std::string s3_code = xml_element_text(response.body, "Code");
  Error error = response.transport_error.empty()
                    ? http_error(response.http_status, s3_code)
                    : Error(error_code::kUnavailable, "The object store could not be reached.");
  if (error.code() == error_code::kNotFound) return error;  // an ordinary answer, not a fault
  log::error("object_store_error", {{"operation", std::string(operation)},
                                    {"key", std::string(key)},
                                    {"http_status", response.http_status},
                                    {"s3_code", s3_code},
                                    {"request_id", xml_element_text(response.body, "RequestId")},
                                    {"network_error", response.transport_error}});
  return error;
}

}  // namespace echoes::store
