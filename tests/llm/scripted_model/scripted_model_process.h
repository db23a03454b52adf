#pragma once
// Starts the scripted OpenAI-compatible server (scripted_model/main.cpp) as a separate
// process on a free loopback port, and talks to its control endpoints. Header-only so the
// chat tests and the benchmark can use it too. Test double: not a language model.
#include <csignal>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <httplib.h>

#include "support/test_data.h"

namespace echoes::testing {

/// Path of the scripted model binary in the build tree.
inline std::string scripted_model_binary() {
  return (std::filesystem::path(ECHOES_BINARY_DIR) / "tests" / "llm" / "echoes_scripted_model").string();
}

class ScriptedModel {
 public:
  /// Starts the server (extra `args`, e.g. {"--api-key", "k"}) and waits for its port.
  /// Throws std::runtime_error when it does not start.
  explicit ScriptedModel(std::vector<std::string> args = {}) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> argv_strings = {scripted_model_binary()};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> argv;
      for (auto& arg : argv_strings) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[1]);
    std::string line;
    char ch = 0;
    while (read(fds[0], &ch, 1) == 1 && ch != '\n') line += ch;
    close(fds[0]);
    const auto colon = line.rfind(':');
    if (line.find("listening on") == std::string::npos || colon == std::string::npos) {
      stop();
      throw std::runtime_error("the scripted model did not start (build target echoes_scripted_model)");
    }
    port_ = std::stoi(line.substr(colon + 1));
  }
  ~ScriptedModel() { stop(); }
  ScriptedModel(const ScriptedModel&) = delete;
  ScriptedModel& operator=(const ScriptedModel&) = delete;

  int port() const { return port_; }
  /// The base URL to configure Echoes with, e.g. "http://127.0.0.1:40123/v1".
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

  void set_reply(const std::string& text) { control().Post("/control/reply", text, "text/plain"); }
  void reset() { control().Post("/control/reset", "", "text/plain"); }
  /// Chat requests received since the last reset.
  int chat_requests() {
    const auto result = control().Get("/control/stats");
    if (!result || result->status != 200) return -1;
    const auto key = result->body.find(':');
    return std::stoi(result->body.substr(key + 1));
  }
  /// The body of the last chat request.
  std::string last_request() {
    const auto result = control().Get("/control/last");
    return result ? result->body : "";
  }
  /// Kills the process (the model "dies"); idempotent.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  httplib::Client control() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10, 0);
    return client;
  }

  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace echoes::testing
