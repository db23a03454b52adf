#include "store/s3_object_store.h"

#include <algorithm>

#include "common/error.h"
#include "store/object_key.h"
#include "store/s3_error.h"
#include "store/s3_xml.h"

namespace echoes::store {
namespace {

[[noreturn]] void throw_bad_setting(const std::string& message) {
  throw Error(error_code::kInvalidArgument, message);
}

// S3's bucket naming rules: 3-63 characters of a-z 0-9 . -, starting and ending with a
// letter or digit.
bool valid_bucket_name(const std::string& name) {
  if (name.size() < 3 || name.size() > 63) return false;
  auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'; };
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  return std::all_of(name.begin(), name.end(), allowed) && alnum(name.front()) && alnum(name.back());
}

void check_settings(S3Settings& settings) {
  std::string& url = settings.endpoint.url;
  while (url.ends_with('/')) url.pop_back();
  if (!url.starts_with("http://") && !url.starts_with("https://")) {
    throw_bad_setting("The S3 endpoint must be an http:// or https:// URL.");
  }
  if (url.find('@') != std::string::npos || url.find_first_of("?#") != std::string::npos) {
    throw_bad_setting("The S3 endpoint must not contain credentials, a query or a fragment.");
  }
  if (!valid_bucket_name(settings.bucket)) throw_bad_setting("The S3 bucket name is not valid.");
  if (!settings.prefix.empty()) checked_key_components(settings.prefix);
  if (settings.endpoint.access_key.empty() || settings.endpoint.secret_key.empty()) {
    throw_bad_setting("The S3 access key and secret key must both be set.");
  }
  if (settings.list_page_keys < 1 || settings.list_page_keys > 1000) {
    throw_bad_setting("The S3 list page size must be 1 to 1000 keys.");
  }
}

}  // namespace

S3ObjectStore::S3ObjectStore(S3Settings settings) : settings_(std::move(settings)) { check_settings(settings_); }

std::string S3ObjectStore::object_path(std::string_view key) const {
  checked_key_components(key);
  const std::string full_key = settings_.prefix.empty() ? std::string(key) : settings_.prefix + "/" + std::string(key);
  return "/" + settings_.bucket + "/" + s3_uri_encode(full_key, true);
}

void S3ObjectStore::put(std::string_view key, std::string_view bytes) const {
  const S3Response response = send_s3_request(settings_.endpoint, {"PUT", object_path(key), "", bytes});
  if (response.http_status != 200) throw s3_error(response, "put", key);
}

std::string S3ObjectStore::get(std::string_view key) const {
  S3Response response = send_s3_request(settings_.endpoint, {"GET", object_path(key), "", {}});
  if (response.http_status != 200) throw s3_error(response, "get", key);
  return std::move(response.body);
}

bool S3ObjectStore::exists(std::string_view key) const {
  const S3Response response = send_s3_request(settings_.endpoint, {"HEAD", object_path(key), "", {}});
  if (response.http_status == 200) return true;
  if (response.http_status == 404) return false;  // HEAD has no body: a missing bucket looks the same
  throw s3_error(response, "exists", key);
}

bool S3ObjectStore::remove(std::string_view key) const {
  if (!exists(key)) return false;
  const S3Response response = send_s3_request(settings_.endpoint, {"DELETE", object_path(key), "", {}});
  if (response.http_status != 204 && response.http_status != 200) throw s3_error(response, "remove", key);
  return true;
}

std::vector<std::string> S3ObjectStore::list_page(const std::string& full_prefix, std::string& next_token) const {
  // Parameters in SigV4's canonical order (sorted by name), values encoded.
  std::string query;
  if (!next_token.empty()) query = "continuation-token=" + s3_uri_encode(next_token, false) + "&";
  query += "list-type=2&max-keys=" + std::to_string(settings_.list_page_keys) +
           "&prefix=" + s3_uri_encode(full_prefix, false);
  const S3Response response = send_s3_request(settings_.endpoint, {"GET", "/" + settings_.bucket, query, {}});
  if (response.http_status != 200) throw s3_error(response, "list", full_prefix);
  const bool truncated = xml_element_text(response.body, "IsTruncated") == "true";
  next_token = truncated ? xml_element_text(response.body, "NextContinuationToken") : "";
  if (truncated && next_token.empty()) {
    throw Error(error_code::kInternal, "The object store sent a partial listing without a way to continue.");
  }
  return xml_element_texts(response.body, "Key");
}

std::vector<std::string> S3ObjectStore::list(std::string_view folder) const {
  checked_key_components(folder);
  const std::string store_prefix = settings_.prefix.empty() ? "" : settings_.prefix + "/";
  const std::string full_prefix = store_prefix + std::string(folder) + "/";
  std::vector<std::string> keys;
  std::string token;
  do {
    for (std::string& key : list_page(full_prefix, token)) keys.push_back(key.substr(store_prefix.size()));
  } while (!token.empty());
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string S3ObjectStore::describe() const {
  return "s3://" + settings_.bucket + (settings_.prefix.empty() ? "" : "/" + settings_.prefix) + " at " +
         settings_.endpoint.url;
}

void S3ObjectStore::create_bucket() const {
  const S3Response response = send_s3_request(settings_.endpoint, {"PUT", "/" + settings_.bucket, "", {}});
  if (response.http_status == 200) return;
  if (response.http_status == 409 && xml_element_text(response.body, "Code") == "BucketAlreadyOwnedByYou") return;
  throw s3_error(response, "create_bucket", settings_.bucket);
}

}  // namespace echoes::store
