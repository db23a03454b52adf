// `echoes serve`: resolve the configuration, start the server, stop cleanly on
// SIGINT/SIGTERM (a dedicated thread waits for the signal so no work happens in a handler).
#include <csignal>
#include <cstdio>
#include <thread>

#include "cli/commands.h"
#include "common/config.h"
#include "common/log.h"
#include "server/server.h"

namespace echoes::cli {
namespace {

sigset_t termination_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

}  // namespace

int serve_command(const ServeArgs& args) {
  const Config config = resolve_config(args.config_file, args.flag_values);
  log::set_level(config.log_level);
  // Block the signals before any thread starts so every thread inherits the mask.
  sigset_t signals = termination_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::Server server(config);
  const int port = server.bind();
  std::printf("Echoes is listening on http://%s:%d\n", config.listen_host.c_str(), port);
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
