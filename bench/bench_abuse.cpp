// A real server (in-process, default limits) under abuse (issue 16):
//   - "slow clients" (M2): /healthz and a signed-in user's GET /api/auth/me while 32 clients send their
//     request head a line every 500 ms and 32 more send a large body that trickles after its
//     first 40 KB, each from its own loopback address;
//   - "oversized bodies" (M1): the process's resident memory before and after ten 51 MB JSON
//     sign-in bodies, sent without signing in.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bench.h"
#include "server/server.h"
#include "support/temp_dir.h"

namespace {

using echoes::bench::now_s;

int connect_from(const std::string& source_ip, int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in source{};
  source.sin_family = AF_INET;
  inet_pton(AF_INET, source_ip.c_str(), &source.sin_addr);
  bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  return fd;
}

// One slow client: `first` at once, then `piece` every 500 ms until `stop` or the server closes.
void slow_client(int index, int port, const std::string& first, const std::string& piece,
                 const std::atomic<bool>& stop) {
  const int fd = connect_from("127.0.3." + std::to_string(1 + index), port);
  bool open = send(fd, first.data(), first.size(), MSG_NOSIGNAL) > 0;
  while (open && !stop) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    open = send(fd, piece.data(), piece.size(), MSG_NOSIGNAL) > 0;
  }
  close(fd);
}

struct Latencies {
  std::vector<double> healthz_ms, signed_in_ms;
};

// /healthz, and a signed-in user's GET /api/auth/me (token check and a database read).
Latencies measure(httplib::Client& client, const std::string& token, int rounds) {
  Latencies latencies;
  for (int i = 0; i < rounds; ++i) {
    double start = now_s();
    client.Get("/healthz");
    latencies.healthz_ms.push_back((now_s() - start) * 1000.0);
    start = now_s();
    const auto me = client.Get("/api/auth/me", {{"Authorization", "Bearer " + token}});
    if (!me || me->status != 200) throw std::runtime_error("GET /api/auth/me failed");
    latencies.signed_in_ms.push_back((now_s() - start) * 1000.0);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return latencies;
}

double percentile(std::vector<double> values, double share) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(share * values.size()))];
}

void report(const std::string& label, const Latencies& latencies) {
  echoes::bench::report(label + ": /healthz median", percentile(latencies.healthz_ms, 0.5), "ms");
  echoes::bench::report(label + ": /healthz p95", percentile(latencies.healthz_ms, 0.95), "ms");
  echoes::bench::report(label + ": signed-in GET median", percentile(latencies.signed_in_ms, 0.5), "ms");
  echoes::bench::report(label + ": signed-in GET p95", percentile(latencies.signed_in_ms, 0.95), "ms");
}

// Resident memory of this process (VmRSS), in MB.
double resident_mb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

// A real server on a free loopback port, serving on its own thread until destroyed.
class RunningServer {
 public:
  RunningServer() : server_(make_config(data_dir_)), port_(server_.bind()), serving_([this] { server_.serve(); }) {}
  ~RunningServer() {
    server_.stop();
    serving_.join();
  }
  int port() const { return port_; }

 private:
  static echoes::Config make_config(const echoes::testing::TempDir& data_dir) {
    echoes::Config config;
    config.listen_port = 0;
    config.data_dir = data_dir.path();
    config.log_level = "off";
    return config;
  }
  echoes::testing::TempDir data_dir_;
  echoes::server::Server server_;
  int port_;
  std::thread serving_;
};

}  // namespace

ECHOES_BENCH("oversized bodies") {
  RunningServer server;
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);
  client.Get("/healthz");
  const std::string body = "{\"email\":\"" + std::string(51'000'000, 'a') + "\"}";
  const double before_mb = resident_mb();  // with the client's copy of the body
  int refused = 0;
  for (int i = 0; i < 10; ++i) {
    const auto result = client.Post("/api/auth/login", body, "application/json");
    refused += result && result->status == 413;
  }
  echoes::bench::report("10 x 51 MB sign-in bodies: refused with 413", refused, "of 10");
  echoes::bench::report("resident memory before", before_mb, "MB");
  echoes::bench::report("resident memory after", resident_mb(), "MB");
}

ECHOES_BENCH("slow clients") {
  RunningServer running;
  const int port = running.port();
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  const auto registered = client.Post(
      "/api/auth/register", R"({"email":"bench@example.com","password":"benchmark password","name":"B"})",
      "application/json");
  if (!registered || registered->status != 201) throw std::runtime_error("register failed");
  const std::string token = nlohmann::json::parse(registered->body)["token"];
  report("no slow clients", measure(client, token, 40));

  std::atomic<bool> stop{false};
  std::vector<std::thread> slow;
  const std::string large_body_head = "POST /api/voice/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n";
  for (int i = 0; i < 32; ++i) {
    slow.emplace_back(slow_client, i, port, "GET /healthz HTTP/1.1\r\n", "X: y\r\n", std::cref(stop));
    slow.emplace_back(slow_client, 32 + i, port, large_body_head + std::string(40'000, 'a'), "a", std::cref(stop));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  report("64 slow clients connected", measure(client, token, 40));
  stop = true;
  for (auto& thread : slow) thread.join();
}
