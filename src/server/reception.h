#pragma once
// The reception: accepts connections and keeps each one in a single event loop until its
// request has arrived (the head and body, up to peek_limit_bytes in all), and only then gives
// it to one of a fixed number of worker threads. A client that sends a byte every few
// seconds therefore costs a socket, not a worker, and /healthz and everyone else stay
// served while many such clients are connected (issue 16, M2). A large body (an upload)
// goes to a worker once it flows, and uploads have workers of their own.
//
// Limits enforced here, answered with the JSON error envelope and the connection closed:
//   - a request must arrive within request_timeout_s, plus one second for every
//     request_min_rate_bytes_per_s bytes received (so a large upload over a slow but moving
//     link is never cut): 408. A large body still arriving on a worker is watched the same
//     way (the worker's read ends when the time is up, with the same 408);
//   - open connections per client address (max_connections_per_client): 429;
//   - open connections in all (max_connections): 503.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace echoes::server {

struct ReceptionOptions {
  int backlog = 128;                       ///< connections the kernel queues before accept
  int max_connections = 512;               ///< open connections, all clients together
  int max_connections_per_client = 32;     ///< open connections from one IP address
  double request_timeout_s = 20.0;         ///< time for a request to arrive, before...
  double request_min_rate_bytes_per_s = 4096.0;  ///< ...one more second per this many bytes
  /// How much of a request the reception looks at: requests up to this size arrive whole
  /// before a worker starts; larger ones once this much has come.
  std::size_t peek_limit_bytes = 32'768;
  double socket_timeout_s = 5.0;           ///< longest wait for one read or write on a worker
};

/// Serves the request on an accepted, blocking socket and closes the socket. Runs on a worker.
using ServeConnection = std::function<void(int socket)>;

class Reception {
 public:
  /// `worker_threads` (at least 1) serve the connections whose request has arrived, and as
  /// many more those whose large body (an upload) is still arriving.
  Reception(const ReceptionOptions& options, int worker_threads, ServeConnection serve);
  ~Reception();
  Reception(const Reception&) = delete;
  Reception& operator=(const Reception&) = delete;

  /// Binds and listens on host:port (port 0: any free port). Returns the port, or -1 when
  /// the address cannot be used.
  int bind(const std::string& host, int port);
  /// The listening socket (-1 before bind()).
  int listening_socket() const;
  /// Accepts and dispatches until stop(); then waits for the workers to finish their requests.
  void run();
  /// Makes run() return; safe from any thread, also before run().
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// On a worker thread serving a connection: its body has been read, so the watch on the
/// pace of its arrival ends (a long answer afterwards is never cut). No-op elsewhere.
void request_body_received();

}  // namespace echoes::server
