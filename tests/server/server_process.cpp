#include "server_process.h"

#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

#include "support/test_data.h"

namespace echoes::testing {
namespace {

int read_port_line(int fd) {
  std::string line;
  char ch = 0;
  while (read(fd, &ch, 1) == 1) {
    if (ch == '\n') {
      const auto colon = line.rfind(':');
      if (line.find("listening on") != std::string::npos && colon != std::string::npos) {
        return std::stoi(line.substr(colon + 1));
      }
      line.clear();
    } else {
      line += ch;
    }
  }
  return -1;
}

}  // namespace

ServerProcess::ServerProcess(const std::filesystem::path& data_dir, std::vector<std::string> extra_args) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args = {echoes_binary().string(), "serve", "--listen", "127.0.0.1:0",
                                   "--data-dir", data_dir.string(), "--log-level", "warn"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  port_ = read_port_line(pipe_fds[0]);
  close(pipe_fds[0]);  // the server's later stdout writes are dropped (SIGPIPE is not fatal to it: it prints once)
  if (port_ <= 0) {
    kill_hard();
    throw std::runtime_error("echoes serve did not start");
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
}

std::unique_ptr<httplib::Client> ServerProcess::client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client->set_read_timeout(120, 0);
  client->set_write_timeout(60, 0);
  return client;
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    usleep(100'000);
  }
  kill_hard();
  return -1;
}

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

}  // namespace echoes::testing
