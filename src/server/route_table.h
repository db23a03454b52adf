#pragma once
// Route registration that remembers what it registered: each route file adds its routes
// through a RouteTable, which passes them on to cpp-httplib and records the method and
// address pattern, so the served OpenAPI document can be checked against the real routes.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <httplib.h>

namespace echoes::server {

struct RouteEntry {
  std::string method;   ///< "GET", "POST", "PUT", "DELETE"
  std::string pattern;  ///< as given to cpp-httplib: a literal path or a regex with (groups)
};

class RouteTable {
 public:
  /// `http` must outlive the table.
  explicit RouteTable(httplib::Server& http) : http_(http) {}

  // The same calls as httplib::Server's, taking the same handlers.
  template <typename Handler> void Get(const std::string& pattern, Handler handler) {
    http_.Get(record("GET", pattern), std::move(handler));
  }
  template <typename Handler> void Post(const std::string& pattern, Handler handler) {
    http_.Post(record("POST", pattern), std::move(handler));
  }
  template <typename Handler> void Put(const std::string& pattern, Handler handler) {
    http_.Put(record("PUT", pattern), std::move(handler));
  }
  template <typename Handler> void Delete(const std::string& pattern, Handler handler) {
    http_.Delete(record("DELETE", pattern), std::move(handler));
  }

  /// Every route registered so far, in registration order.
  const std::vector<RouteEntry>& entries() const { return entries_; }

 private:
  const std::string& record(const char* method, const std::string& pattern);

  httplib::Server& http_;
  std::vector<RouteEntry> entries_;
};

/// The shape of an address pattern with its parameters blanked, so a cpp-httplib pattern and
/// an OpenAPI path template can be compared: every regex group "(...)" and every "{name}"
/// becomes "{}". "/api/voice/([0-9a-f]{32})" and "/api/voice/{voiceId}" are both "/api/voice/{}".
std::string path_shape(std::string_view pattern);

}  // namespace echoes::server
