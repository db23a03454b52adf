// Two `echoes serve` processes on one PostgreSQL database (issue #14's first step towards
// many API nodes): an account made on one node signs in on the other, and a logout on one
// is refused on the other at once, since sessions live only in the database; the abuse
// limits are one budget for both nodes, since their buckets live there too.
#include <cstdlib>

#include <gtest/gtest.h>

#include "api_fixture.h"
#include "support/postgres_cluster.h"

namespace echoes::testing {
namespace {

TEST(SharedDatabaseApi, TwoNodesShareAccountsAndSessions) {
  std::string url;
  require_postgres(url);
  if (url.empty()) return;
  TempDir data_a;
  TempDir data_b;
  ServerProcess node_a(data_a.path(), {"--database-url", url});
  ServerProcess node_b(data_b.path(), {"--database-url", url});
  auto a = node_a.client();
  auto b = node_b.client();

  const nlohmann::json account = {{"email", "ann@example.com"}, {"password", "correct horse battery"}, {"name", "Ann"}};
  auto registered = a->Post("/api/auth/register", account.dump(), "application/json");
  ASSERT_TRUE(registered);
  ASSERT_EQ(registered->status, 201) << registered->body;
  const std::string token = ApiTest::body(registered)["token"];

  auto me_on_b = b->Get("/api/auth/me", bearer(token));
  ASSERT_TRUE(me_on_b);
  EXPECT_EQ(me_on_b->status, 200);
  EXPECT_EQ(ApiTest::body(me_on_b)["user"]["email"], "ann@example.com");

  const nlohmann::json login = {{"email", "ann@example.com"}, {"password", "correct horse battery"}};
  auto logged_in_on_b = b->Post("/api/auth/login", login.dump(), "application/json");
  ASSERT_TRUE(logged_in_on_b);
  EXPECT_EQ(logged_in_on_b->status, 200);

  auto logout_on_a = a->Post("/api/auth/logout", bearer(token), "", "application/json");
  ASSERT_TRUE(logout_on_a);
  EXPECT_EQ(logout_on_a->status, 200);
  EXPECT_EQ(b->Get("/api/auth/me", bearer(token))->status, 401);
  EXPECT_EQ(a->Get("/api/auth/me", bearer(token))->status, 401);
}

TEST(SharedDatabaseApi, TwoNodesShareOneSignInThrottleAndSynthesisBudget) {
  std::string url;
  require_postgres(url);
  if (url.empty()) return;
  setenv("ECHOES_LOGIN_ATTEMPTS_PER_MINUTE", "4", 1);
  setenv("ECHOES_SYNTHESIS_PER_MINUTE", "2", 1);
  TempDir data_a;
  TempDir data_b;
  ServerProcess node_a(data_a.path(), {"--database-url", url});
  ServerProcess node_b(data_b.path(), {"--database-url", url});
  unsetenv("ECHOES_LOGIN_ATTEMPTS_PER_MINUTE");
  unsetenv("ECHOES_SYNTHESIS_PER_MINUTE");
  auto a = node_a.client();
  auto b = node_b.client();
  const nlohmann::json account = {{"email", "ann@example.com"}, {"password", "correct horse battery"}, {"name", "Ann"}};
  const std::string token = ApiTest::body(a->Post("/api/auth/register", account.dump(), "application/json"))["token"];

  // Four wrong passwords in all, two on each node, use up the account's attempts everywhere.
  const nlohmann::json wrong = {{"email", "ann@example.com"}, {"password", "not the password"}};
  for (auto* node : {a.get(), a.get(), b.get(), b.get()}) {
    EXPECT_EQ(node->Post("/api/auth/login", wrong.dump(), "application/json")->status, 401);
  }
  EXPECT_EQ(a->Post("/api/auth/login", wrong.dump(), "application/json")->status, 429);
  EXPECT_EQ(b->Post("/api/auth/login", wrong.dump(), "application/json")->status, 429);

  // Two synthesis requests (refused for want of a voice, but counted) on node A spend the
  // budget on node B as well.
  const std::string request = R"({"text":"Hello there."})";
  EXPECT_EQ(a->Post("/api/voice/synthesize", bearer(token), request, "application/json")->status, 409);
  EXPECT_EQ(a->Post("/api/voice/synthesize", bearer(token), request, "application/json")->status, 409);
  auto limited = b->Post("/api/voice/synthesize", bearer(token), request, "application/json");
  EXPECT_EQ(limited->status, 429) << limited->body;
  EXPECT_TRUE(limited->has_header("Retry-After"));
}

// Roles: an API node serves the API; a worker node answers only /healthz (it builds voices
// from the shared queue).
TEST(SharedDatabaseApi, ApiAndWorkerRolesServeWhatTheyShould) {
  std::string url;
  require_postgres(url);
  if (url.empty()) return;
  TempDir data_api;
  TempDir data_worker;
  ServerProcess api(data_api.path(), {"--database-url", url, "--role", "api"});
  ServerProcess worker(data_worker.path(), {"--database-url", url, "--role", "worker"});
  const nlohmann::json account = {{"email", "ann@example.com"}, {"password", "correct horse battery"}, {"name", "Ann"}};
  EXPECT_EQ(api.client()->Post("/api/auth/register", account.dump(), "application/json")->status, 201);
  EXPECT_EQ(worker.client()->Get("/healthz")->status, 200);
  EXPECT_EQ(worker.client()->Post("/api/auth/register", account.dump(), "application/json")->status, 404);
  EXPECT_EQ(worker.client()->Get("/api/voice/status")->status, 404);
}

}  // namespace
}  // namespace echoes::testing
