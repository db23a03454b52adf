// Two `echoes serve` processes on one PostgreSQL database (issue #14's first step towards
// many API nodes): an account made on one node signs in on the other, and a logout on one
// is refused on the other at once, since sessions live only in the database.
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

}  // namespace
}  // namespace echoes::testing
