#include "server/request_framing.h"

#include <optional>
#include <string>

#include "common/error.h"
#include "common/log.h"
#include "server/http_util.h"

namespace echoes::server {
namespace {

std::size_t header_bytes(const httplib::Headers& headers) {
  std::size_t bytes = 0;
  for (const auto& [name, value] : headers) bytes += name.size() + value.size();
  return bytes;
}

bool conflicting_lengths(const httplib::Request& req) {
  const auto [first, last] = req.headers.equal_range("Content-Length");
  for (auto it = first; it != last; ++it) {
    if (it->second != first->second) return true;
  }
  return false;
}

// Why the request's framing cannot be trusted, or nullopt when it can.
std::optional<std::string> framing_problem(const httplib::Request& req) {
  if (req.headers.size() > kMaxHeaderCount) {
    return "The request has too many headers (at most " + std::to_string(kMaxHeaderCount) + ").";
  }
  if (header_bytes(req.headers) > kMaxHeaderBytes) {
    return "The request headers are too large (at most " + std::to_string(kMaxHeaderBytes) + " bytes).";
  }
  if (conflicting_lengths(req)) return std::string("The request has Content-Length headers that disagree.");
  if (req.has_header("Content-Length") && req.has_header("Transfer-Encoding")) {
    return std::string("The request has both Content-Length and Transfer-Encoding.");
  }
  return std::nullopt;
}

}  // namespace

void refuse_ambiguous_framing(httplib::Server& http) {
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    const auto problem = framing_problem(req);
    if (!problem) return httplib::Server::HandlerResponse::Unhandled;
    log::warn("http_request_refused", {{"method", req.method}, {"reason", *problem}, {"remote", req.remote_addr}});
    send_error(res, error_code::kInvalidArgument, *problem);
    res.set_header("Connection", "close");  // the body, if any, was not read
    return httplib::Server::HandlerResponse::Handled;
  });
}

}  // namespace echoes::server
