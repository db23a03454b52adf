#pragma once
// The Echoes HTTP server: JSON API under /api, /healthz, and the web UI's static files.
// Owns the database, file store and services for its lifetime.
#include <memory>
#include <vector>

#include "common/config.h"
#include "server/route_table.h"

namespace echoes::server {

class Server {
 public:
  /// Opens (and migrates) the database under config.data_dir, cleans up files left
  /// by an interrupted write, and registers every route. Throws echoes::Error on failure.
  explicit Server(const Config& config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the listening socket; returns the port (useful when the config asks for port 0).
  /// Throws echoes::Error(kUnavailable) when the address cannot be bound.
  int bind();

  /// Serves requests until stop() is called. Blocks.
  void serve();

  /// Stops serving; safe to call from another thread.
  void stop();

  /// The API routes registered (method and cpp-httplib pattern), in registration order;
  /// GET /api/openapi.json describes exactly these (tests/server/test_api_openapi.cpp).
  const std::vector<RouteEntry>& routes() const;

 private:
  struct Impl;
  /// Every route but /healthz (not served by a worker node).
  static void register_api_routes(Impl& impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace echoes::server
