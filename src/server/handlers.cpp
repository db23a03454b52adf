#include <chrono>
#include <cmath>
#include <exception>

#include "common/error.h"
#include "common/log.h"
#include "metrics/registry.h"
#include "server/context.h"
#include "server/http_util.h"

namespace echoes::server {
namespace {

void log_request(const std::string& route, const httplib::Request& req, int status, double started_s) {
  using namespace std::chrono;
  const double now_s = duration<double>(steady_clock::now().time_since_epoch()).count();
  auto& metrics = metrics::Registry::global();
  metrics.increment("echoes_http_requests_total",
                    {{"method", req.method}, {"route", route}, {"status", std::to_string(status)}});
  metrics.observe("echoes_http_request_duration_seconds", now_s - started_s, {{"route", route}});
  log::info("http_request", {{"method", req.method},
                             {"route", route},
                             {"status", status},
                             {"durationMs", std::round((now_s - started_s) * 1e4) / 10.0},
                             {"remote", req.remote_addr}});
}

}  // namespace

httplib::Server::Handler guarded(const std::string& route, PlainHandler handler) {
  return [route, handler](const httplib::Request& req, httplib::Response& res) {
    using namespace std::chrono;
    const double started_s = duration<double>(steady_clock::now().time_since_epoch()).count();
    try {
      handler(req, res);
    } catch (const RateLimited& e) {
      send_error(res, e.code(), e.what());
      res.set_header("Retry-After", std::to_string(e.retry_after_s()));
    } catch (const Error& e) {
      send_error(res, e.code(), e.what());
    } catch (const std::exception& e) {
      log::error("unhandled_exception", {{"route", route}, {"what", e.what()}});
      send_error(res, error_code::kInternal, "Something went wrong on our side. Please try again.");
    }
    log_request(route, req, res.status, started_s);
  };
}

httplib::Server::Handler signed_in(ServerContext& context, const std::string& route, UserHandler handler) {
  return guarded(route, [&context, handler](const httplib::Request& req, httplib::Response& res) {
    const auto token = bearer_token(req);
    if (!token) throw Error(error_code::kUnauthorized, "Please sign in to continue.");
    const store::User user = context.accounts.authenticate(*token);
    handler(user, req, res);
  });
}

}  // namespace echoes::server
