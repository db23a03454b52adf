#pragma once
// Runs the real `echoes serve` binary on a free loopback port for API tests.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <httplib.h>

namespace echoes::testing {

class ServerProcess {
 public:
  /// Starts `echoes serve --listen 127.0.0.1:0 --data-dir <data_dir> <extra_args>` and
  /// waits until it prints its port. Throws std::runtime_error when it does not start.
  ServerProcess(const std::filesystem::path& data_dir, std::vector<std::string> extra_args = {});
  ~ServerProcess();  // SIGTERM, then SIGKILL after 5 s

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  /// A client for this server with generous timeouts.
  std::unique_ptr<httplib::Client> client() const;
  /// Stops with SIGKILL (simulates a crash) and reaps the process.
  void kill_hard();
  /// Stops with SIGTERM and returns the exit status.
  int stop();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

/// "Authorization: Bearer <token>" headers.
httplib::Headers bearer(const std::string& token);

}  // namespace echoes::testing
