// `echoes serve`: resolve the configuration, start the server, stop cleanly on
// SIGINT/SIGTERM (a dedicated thread waits for the signal so no work happens in a handler).
#include <csignal>
#include <cstdio>
#include <thread>

#include "cli/commands.h"
#include "common/config.h"
#include "common/log.h"
#include "server/server.h"
#include "cli/web_dir.h"

namespace echoes::cli {
namespace {

sigset_t termination_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

// A wildcard listen address is not something to type into a browser.
std::string browser_host(const std::string& listen_host) {
  return listen_host == "0.0.0.0" || listen_host.empty() ? "127.0.0.1" : listen_host == "::" ? "[::1]" : listen_host;
}

}  // namespace

int serve_command(const ServeArgs& args) {
  Config config = resolve_config(args.config_file, args.flag_values);
  log::set_level(config.log_level);
  if (config.web_dir.empty()) {
    if (auto found = find_web_dir(running_program_path())) config.web_dir = *found;
  }
  if (config.web_dir.empty()) {
    log::warn("no_web_app", {{"message", "web app not found: serving the API only (set --web-dir)"}});
  } else {
    log::info("web_app", {{"dir", config.web_dir.string()}});
  }
  // Block the signals before any thread starts so every thread inherits the mask.
  sigset_t signals = termination_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::Server server(config);
  const int port = server.bind();
  std::printf("Echoes is listening on http://%s:%d\n", config.listen_host.c_str(), port);
  if (!config.web_dir.empty()) {
    std::printf("Open http://%s:%d in your browser to start recording.\n", browser_host(config.listen_host).c_str(),
                port);
  }
  std::fflush(stdout);
  std::thread signal_waiter([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    log::info("shutdown", {{"signal", received}});
    server.stop();
  });
  server.serve();
  // serve() returned (stop() was called): wake the waiter if it is still waiting.
  pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  return 0;
}

}  // namespace echoes::cli
