#include "support/child_process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

namespace echoes::testing {

int run_logged(std::vector<std::string> args, const std::string& log_path) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (log >= 0) dup2(log, 1), dup2(log, 2);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string file_tail(const std::string& path, long max_bytes) {
  std::FILE* file = std::fopen(path.c_str(), "r");
  if (!file) return "";
  if (std::fseek(file, -max_bytes, SEEK_END) != 0) std::rewind(file);  // shorter than max_bytes
  std::string text(static_cast<size_t>(max_bytes), '\0');
  text.resize(std::fread(text.data(), 1, text.size(), file));
  std::fclose(file);
  return "\n--- " + path + ":\n" + text;
}

std::string shell_quoted(const std::string& text) { return "'" + text + "'"; }

Watchdog::Watchdog(const std::string& cleanup_command, const std::string& keep_while) {
  const std::string wait = keep_while.empty() ? "cat >/dev/null" : "while " + keep_while + "; do sleep 0.5; done";
  const std::string script = wait + "; " + cleanup_command;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    setsid();  // not killed with the test's process group (Ctrl-C): it must outlive it
    dup2(fds[0], 0);
    // Not ctest's output pipes: ctest waits until every holder of them has closed them.
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 1), dup2(null, 2);
    execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[0]);
  if (keep_while.empty()) {
    pipe_fd_ = fds[1];
    pid_ = pid;
  } else {
    close(fds[1]);  // the watchdog's `cat` is not used; it lives on after this process
  }
}

void Watchdog::stop() {
  if (pipe_fd_ < 0) return;
  close(pipe_fd_);  // EOF: the watchdog runs its cleanup
  pipe_fd_ = -1;
  int status = 0;
  waitpid(pid_, &status, 0);
}

}  // namespace echoes::testing
