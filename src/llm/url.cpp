#include "llm/url.h"

#include "common/error.h"

namespace echoes::llm {
namespace {

[[noreturn]] void bad_url(const std::string& why) {
  throw Error(error_code::kInvalidArgument, "The text model URL " + why + " (example: http://127.0.0.1:8081/v1).");
}

}  // namespace

BaseUrl parse_base_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) bad_url("needs to start with http:// or https://");
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") bad_url("needs to start with http:// or https://");
  if (url.find_first_of("?#") != std::string::npos) bad_url("must not contain a query or fragment");
  const auto host_start = scheme_end + 3;
  const auto path_start = url.find('/', host_start);
  const std::string host_port = url.substr(host_start, path_start == std::string::npos ? std::string::npos
                                                                                        : path_start - host_start);
  if (host_port.empty() || host_port.front() == ':') bad_url("has no host");
  std::string path = path_start == std::string::npos ? "" : url.substr(path_start);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return BaseUrl{scheme + "://" + host_port, path};
}

}  // namespace echoes::llm
