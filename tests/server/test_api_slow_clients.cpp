// A server that holds under abuse (issue 16, M2): clients that send their request slowly,
// or open many connections, cost a socket in the reception, not a worker; they get 408, 429
// or 503, and /healthz and other clients are served meanwhile.
#include <cstdlib>
#include <thread>

#include "api_fixture.h"
#include "raw_connection.h"

namespace echoes::testing {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The server of each test runs with these limits (environment, inherited by the process).
class SlowClientsApi : public ApiTest {
 protected:
  void start_with(const std::vector<std::pair<const char*, const char*>>& settings) {
    for (const auto& [name, value] : settings) setenv(name, value, 1);
    restart_without_consent_gate();
    for (const auto& [name, value] : settings) unsetenv(name);
  }

  int status_of_healthz(const char* source_ip = "127.0.0.1") {
    RawConnection connection(server_->port(), source_ip);
    const auto found = statuses(connection.exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    return found.empty() ? 0 : found.front();
  }
};

constexpr const char* kUnroutedPost = "POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n";

std::string error_code_of(const std::string& answer) {
  const auto body = nlohmann::json::parse(answer.substr(answer.find("\r\n\r\n") + 4), nullptr, false);
  return body.is_object() ? body["error"]["code"].get<std::string>() : "";
}

// Sends `piece` every `pause` until the server closes; returns everything it answered.
std::string trickle(RawConnection& connection, const std::string& piece, std::chrono::milliseconds pause,
                    double give_up_s) {
  const auto start = Clock::now();
  while (seconds_since(start) < give_up_s && connection.send(piece)) std::this_thread::sleep_for(pause);
  return connection.read_all();
}

TEST_F(SlowClientsApi, SlowRequestsGet408WhileHealthzAndOthersAreServed) {
  start_with({{"ECHOES_REQUEST_TIMEOUT_S", "1.5"}, {"ECHOES_REQUEST_MIN_BYTES_PER_S", "100000"}});
  const int port = server_->port();
  constexpr int kSlowHeads = 32, kSlowBodies = 32;  // more than the 8 workers, four times over
  std::vector<std::string> answers(kSlowHeads + kSlowBodies);
  std::vector<double> answered_after_s(answers.size());
  std::vector<std::thread> clients;
  for (int i = 0; i < kSlowHeads + kSlowBodies; ++i) {
    clients.emplace_back([&, i] {
      const std::string source = "127.0.1." + std::to_string(1 + i);
      RawConnection connection(port, source.c_str());
      const auto start = Clock::now();
      if (i < kSlowHeads) {
        connection.send("GET /healthz HTTP/1.1\r\n");
        answers[i] = trickle(connection, "X-Slow: y\r\n", std::chrono::milliseconds(200), 10);
      } else {  // the head at once, then a large body that flows fast at first and then trickles
        connection.send(kUnroutedPost + std::string(40'000, 'a'));
        answers[i] = trickle(connection, "a", std::chrono::milliseconds(200), 10);
      }
      answered_after_s[i] = seconds_since(start);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // all connected and waiting
  for (int i = 0; i < 10; ++i) {
    const auto start = Clock::now();
    EXPECT_EQ(status_of_healthz(), 200);
    EXPECT_LT(seconds_since(start), 1.0) << "healthz waited behind slow clients";
  }
  for (auto& client : clients) client.join();
  for (std::size_t i = 0; i < answers.size(); ++i) {
    EXPECT_EQ(statuses(answers[i]), std::vector<int>{408}) << "client " << i << ": " << answers[i].substr(0, 200);
    EXPECT_EQ(error_code_of(answers[i]), "request_timeout") << "client " << i;
    EXPECT_LT(answered_after_s[i], 4.0) << "client " << i;
  }
}

TEST_F(SlowClientsApi, ABodyThatKeepsFlowingIsReadPastTheTimeout) {
  start_with({{"ECHOES_REQUEST_TIMEOUT_S", "1"}, {"ECHOES_REQUEST_MIN_BYTES_PER_S", "4096"}});
  RawConnection connection(server_->port());
  const auto start = Clock::now();
  ASSERT_TRUE(connection.send(kUnroutedPost));
  for (int i = 0; i < 10; ++i) {  // 100 KB over 2.5 s: 40 KB/s, slow for loopback, fast for the rule
    ASSERT_TRUE(connection.send(std::string(10'000, 'a')));
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  const std::string answer = connection.read_all();
  EXPECT_GT(seconds_since(start), 2.0);
  EXPECT_EQ(statuses(answer), std::vector<int>{404}) << answer.substr(0, 300);  // read whole, then refused
}

TEST_F(SlowClientsApi, ConnectionsBeyondThePerClientLimitGet429AndOthersAreServed) {
  start_with({{"ECHOES_MAX_CONNECTIONS_PER_CLIENT", "4"}});
  const int port = server_->port();
  std::vector<std::unique_ptr<RawConnection>> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(std::make_unique<RawConnection>(port, "127.0.0.2"));
    ASSERT_TRUE(open.back()->connected());
    open.back()->send("GET /healthz HTTP/1.1\r\n");  // and never finish
  }
  RawConnection fifth(port, "127.0.0.2");
  const std::string refused = fifth.read_all();  // answered before it sends anything
  EXPECT_EQ(statuses(refused), std::vector<int>{429}) << refused;
  EXPECT_EQ(error_code_of(refused), "rate_limited");
  EXPECT_NE(refused.find("Too many connections"), std::string::npos) << refused;
  EXPECT_EQ(status_of_healthz("127.0.0.1"), 200);  // another address is not affected
  open.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the reception sees them close
  EXPECT_EQ(status_of_healthz("127.0.0.2"), 200);
}

TEST_F(SlowClientsApi, ConnectionsBeyondTheServerLimitGet503) {
  start_with({{"ECHOES_MAX_CONNECTIONS", "6"}});
  const int port = server_->port();
  std::vector<std::unique_ptr<RawConnection>> open;
  for (int i = 0; i < 6; ++i) {
    const std::string source = "127.0.2." + std::to_string(1 + i);
    open.push_back(std::make_unique<RawConnection>(port, source.c_str()));
    ASSERT_TRUE(open.back()->connected());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  RawConnection extra(port, "127.0.2.100");
  const std::string refused = extra.read_all();
  EXPECT_EQ(statuses(refused), std::vector<int>{503}) << refused;
  EXPECT_EQ(error_code_of(refused), "unavailable");
  open.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(status_of_healthz(), 200);
}

}  // namespace
}  // namespace echoes::testing
