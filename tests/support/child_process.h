#pragma once
// Running helper programs from tests: a logged child process, the end of a log, and the
// watchdog that cleans up a throwaway server however the test process ends.
#include <string>
#include <vector>

namespace echoes::testing {

/// Runs `args` (argv[0] looked up in PATH), appending its stdout and stderr to `log_path`,
/// and returns its exit status (-1 when it did not exit normally or could not start).
int run_logged(std::vector<std::string> args, const std::string& log_path);

/// The last `max_bytes` of a file, headed by its path, for an error message; "" when the
/// file cannot be read.
std::string file_tail(const std::string& path, long max_bytes = 600);

/// `text` in single quotes for /bin/sh. Only for text without single quotes (mkdtemp paths).
std::string shell_quoted(const std::string& text);

/// A detached process that waits, then runs a cleanup shell command.
class Watchdog {
 public:
  /// Starts it in its own session (Ctrl-C to the tests does not kill it). With an empty
  /// `keep_while` it waits for EOF on a pipe only this process holds, so the cleanup runs
  /// when stop() is called or this process ends in any way, SIGKILL included. Otherwise it
  /// polls every 0.5 s and cleans up once the shell condition `keep_while` fails (a
  /// cluster shared by a whole ctest run). Throws std::runtime_error when it cannot start.
  Watchdog(const std::string& cleanup_command, const std::string& keep_while = "");
  /// Runs the cleanup now (pipe-bound watchdogs) and waits until it has finished.
  void stop();
  ~Watchdog() { stop(); }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  int pipe_fd_ = -1;
  int pid_ = -1;
};

}  // namespace echoes::testing
