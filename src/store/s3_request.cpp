#include "store/s3_request.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

#include "common/error.h"
#include "store/file_store.h"

namespace echoes::store {
namespace {

struct CurlHeaders {
  curl_slist* list = nullptr;
  void add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
  ~CurlHeaders() { curl_slist_free_all(list); }
};

// A handle per thread, reset before each request: libcurl keeps its connections open
// between requests of the same thread (keep-alive) and handles must not be shared.
CURL* thread_handle() {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  thread_local std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle(curl_easy_init(), &curl_easy_cleanup);
  if (!handle) throw Error(error_code::kInternal, "The object store client could not start.");
  curl_easy_reset(handle.get());
  return handle.get();
}

size_t append_to_string(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

// Feeds a PUT body to libcurl from memory.
struct BodyReader {
  std::string_view bytes;
  size_t offset = 0;
  static size_t read(char* buffer, size_t size, size_t count, void* self) {
    auto* reader = static_cast<BodyReader*>(self);
    const size_t n = std::min(size * count, reader->bytes.size() - reader->offset);
    std::memcpy(buffer, reader->bytes.data() + reader->offset, n);
    reader->offset += n;
    return n;
  }
};

void set_method(CURL* curl, const S3Request& request, BodyReader& reader) {
  if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (request.method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, &BodyReader::read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
}

void set_connection(CURL* curl, const S3Endpoint& endpoint, const std::string& url, const std::string& sigv4) {
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, endpoint.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, endpoint.stall_timeout_s);
  curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_easy_setopt(curl, CURLOPT_USERNAME, endpoint.access_key.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, endpoint.secret_key.c_str());
}

}  // namespace

std::string s3_uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const unsigned char c : text) {
    // ASCII only, whatever the locale: multi-byte UTF-8 is always encoded.
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    const bool unreserved = alnum || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved || (keep_slash && c == '/')) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return encoded;
}

S3Response send_s3_request(const S3Endpoint& endpoint, const S3Request& request) {
  CURL* curl = thread_handle();
  const std::string url =
      endpoint.url + request.path + (request.canonical_query.empty() ? "" : "?" + request.canonical_query);
  const std::string sigv4 = "aws:amz:" + endpoint.region + ":s3";
  set_connection(curl, endpoint, url, sigv4);
  BodyReader reader{request.body};
  set_method(curl, request, reader);

  CurlHeaders headers;
  headers.add("x-amz-content-sha256: " + sha256_hex(request.body));
  // No "Expect:" to turn off 100-continue: libcurl 7.88 would sign that header although it
  // sends none, and the service would refuse every signature.
  if (request.method == "PUT") headers.add("Content-Type: application/octet-stream");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);

  S3Response response;
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append_to_string);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  char error_text[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  const CURLcode result = curl_easy_perform(curl);
  if (result != CURLE_OK) {
    response.transport_error = *error_text ? error_text : curl_easy_strerror(result);
    return response;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.http_status);
  return response;
}

}  // namespace echoes::store
