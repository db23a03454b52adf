#pragma once
// One signed request to an S3-compatible service over libcurl, which signs it itself
// (AWS Signature V4, CURLOPT_AWS_SIGV4). Path-style addressing: <endpoint>/<bucket>/<key>.
//
// The payload's SHA-256 is sent in x-amz-content-sha256 (and signed), so the service
// rejects a body that was changed or cut short on the way. The secret key goes to libcurl
// only; nothing here logs or returns it.
#include <string>
#include <string_view>

namespace echoes::store {

/// Where and as whom requests go.
struct S3Endpoint {
  std::string url;  // "http://127.0.0.1:7480" or "https://s3.example.com" (no trailing '/')
  std::string region = "us-east-1";
  std::string access_key;
  std::string secret_key;
  long connect_timeout_ms = 5000;
  long stall_timeout_s = 30;  // gives up when no byte moved for this long
};

struct S3Request {
  std::string method;           // GET, HEAD, PUT or DELETE
  std::string path;             // "/bucket/key", already encoded with s3_uri_encode()
  std::string canonical_query;  // "" or "a=1&b=x": names sorted, values encoded (SigV4's form)
  std::string_view body;        // PUT only
};

struct S3Response {
  long http_status = 0;         // 0 when no HTTP answer came
  std::string body;
  std::string transport_error;  // libcurl's message when the request did not complete
};

/// Sends the request and returns the service's answer, whatever its status. Never throws
/// for HTTP or network failures (see transport_error); throws kInternal only when libcurl
/// cannot be set up.
S3Response send_s3_request(const S3Endpoint& endpoint, const S3Request& request);

/// `text` encoded as SigV4 wants it: unreserved characters (A-Z a-z 0-9 - _ . ~) kept,
/// every other byte as %XX (upper case); '/' kept when `keep_slash`.
std::string s3_uri_encode(std::string_view text, bool keep_slash);

}  // namespace echoes::store
