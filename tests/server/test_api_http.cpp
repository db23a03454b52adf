// A server that holds under abuse (issue 16, part 2): HTTP framing. Requests are written
// byte by byte on a raw socket, as a hostile or broken client would, and the answers are
// read back raw.
#include <atomic>
#include <chrono>
#include <thread>

#include "api_fixture.h"
#include "raw_connection.h"

namespace echoes::testing {
namespace {

using HttpApi = ApiTest;

std::string healthz(const std::string& extra_headers) {
  return "GET /healthz HTTP/1.1\r\nHost: localhost\r\n" + extra_headers + "\r\n";
}

void expect_refused(int port, const std::string& request, const std::string& why) {
  RawConnection connection(port);
  ASSERT_TRUE(connection.connected());
  const std::string answer = connection.exchange(request);
  ASSERT_EQ(statuses(answer), std::vector<int>{400}) << why << "\n" << answer.substr(0, 400);
  const auto body = nlohmann::json::parse(answer.substr(answer.find("\r\n\r\n") + 4), nullptr, false);
  EXPECT_EQ(body["error"]["code"], "invalid_argument") << why << "\n" << answer.substr(0, 400);
}

TEST_F(HttpApi, AmbiguousFramingIsRefusedWith400) {
  const int port = server_->port();
  expect_refused(port, healthz("Content-Length: 0\r\nContent-Length: 7\r\n") + "abcdefg", "conflicting lengths");
  expect_refused(port, healthz("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") + "0\r\n\r\n",
                 "Content-Length with Transfer-Encoding");
  expect_refused(port,
                 "POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                 "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n",
                 "Transfer-Encoding with Content-Length on a POST");
  std::string many;
  for (int i = 0; i < 200; ++i) many += "X-Filler-" + std::to_string(i) + ": yes\r\n";
  expect_refused(port, healthz(many), "200 headers");
  std::string large;
  for (int i = 0; i < 20; ++i) large += "X-Large-" + std::to_string(i) + ": " + std::string(4000, 'v') + "\r\n";
  expect_refused(port, healthz(large), "80 KB of headers");

  // One header line far past any sane size is not served either.
  RawConnection huge(port);
  const auto answer = huge.exchange(healthz("X-Huge: " + std::string(200'000, 'v') + "\r\n"));
  EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos) << answer.substr(0, 200);

  // Duplicates that agree, and ordinary requests, are fine.
  RawConnection agreeing(port);
  EXPECT_EQ(statuses(agreeing.exchange(healthz("Content-Length: 0\r\nContent-Length: 0\r\n"))), std::vector<int>{200});
  EXPECT_EQ(http_->Get("/healthz")->status, 200);
}

// cpp-httplib (0.11) reads ahead and drops what it read past the first request
// (yhirose/cpp-httplib#1271), so pipelined requests cannot be served on one connection.
// They are refused instead: the first is answered with "Connection: close" and the
// connection ends at once, which tells the client the rest were not served (and may be
// sent again), rather than held open with the rest silently dropped.
TEST_F(HttpApi, RequestsPipelinedInOnePacketAreAnsweredOrRefusedNeverDroppedSilently) {
  const std::string token = register_user("ann@example.com");
  const std::string memory = R"({"text":"We rowed to the island."})";
  const std::string add_memory = "POST /api/ai-echo/memories HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
                                 token + "\r\nContent-Type: application/json\r\nContent-Length: " +
                                 std::to_string(memory.size()) + "\r\n\r\n" + memory;
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.connected());
  const auto started = std::chrono::steady_clock::now();
  const std::string answer = connection.exchange(healthz("") + add_memory + healthz(""));
  const double elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(statuses(answer), std::vector<int>{200}) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
  EXPECT_LT(elapsed_s, 1.0) << "the connection was held open after the answer";
  // Nothing ran unseen: the refused request had no effect, and sent again it is served.
  EXPECT_EQ(body(http_->Get("/api/ai-echo/memories", bearer(token)))["memories"].size(), 0u);
  RawConnection again(server_->port());
  EXPECT_EQ(statuses(again.exchange(add_memory)), std::vector<int>{201});
  EXPECT_EQ(body(http_->Get("/api/ai-echo/memories", bearer(token)))["memories"].size(), 1u);

  // A refused request ends its connection too: what follows it is not read as a request.
  RawConnection refused(server_->port());
  const std::string after_refusal = refused.exchange(healthz("Content-Length: 0\r\nContent-Length: 9\r\n") + healthz(""));
  EXPECT_EQ(statuses(after_refusal), std::vector<int>{400}) << after_refusal;
  EXPECT_NE(after_refusal.find("Connection: close"), std::string::npos) << after_refusal;
}

// The listening backlog holds a burst: with cpp-httplib's default of 5 the sixth
// simultaneous connect waits for a SYN retry (1 s).
TEST_F(HttpApi, ABurstOf32ConnectionsIsAnsweredWithoutWaitingForSynRetries) {
  constexpr int kClients = 32;
  const int port = server_->port();
  std::vector<double> answer_s(kClients, 0);
  std::vector<std::string> answers(kClients);
  std::atomic<int> waiting{kClients};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      --waiting;
      while (waiting > 0) std::this_thread::yield();  // all connect at once
      const auto started = std::chrono::steady_clock::now();
      RawConnection connection(port);
      answers[i] = connection.exchange(healthz(""));
      answer_s[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    });
  }
  for (auto& client : clients) client.join();
  for (int i = 0; i < kClients; ++i) {
    EXPECT_EQ(statuses(answers[i]), std::vector<int>{200}) << "client " << i;
    EXPECT_LT(answer_s[i], 0.5) << "client " << i;
  }
}

}  // namespace
}  // namespace echoes::testing
