#pragma once
// Splitting an OpenAI-compatible base URL ("http://127.0.0.1:8081/v1") into the part
// an HTTP client connects to and the path prefix every endpoint lives under.
#include <string>

namespace echoes::llm {

struct BaseUrl {
  std::string scheme_host_port;  ///< "http://127.0.0.1:8081" (no trailing slash)
  std::string path_prefix;       ///< "/v1", or "" when the URL has no path
};

/// Parses `url`. Accepts http:// and https:// with an optional port and path; a trailing
/// '/' is dropped. Throws echoes::Error(kInvalidArgument) for anything else (no scheme,
/// other schemes, no host, a query or fragment).
BaseUrl parse_base_url(const std::string& url);

}  // namespace echoes::llm
