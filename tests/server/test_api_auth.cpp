// Accounts over HTTP against the real server process, on SQLite and on PostgreSQL.
#include <unistd.h>

#include "api_fixture.h"

namespace echoes::testing {
namespace {

class AuthApi : public BackendApiTest {};
ECHOES_ON_BOTH_BACKENDS(AuthApi);

TEST_P(AuthApi, HealthzAnswers) {
  auto result = http_->Get("/healthz");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(body(result)["status"], "ok");
}

TEST_P(AuthApi, RegisterLoginMeLogout) {
  const std::string token = register_user("Ann@Example.com");
  ASSERT_FALSE(token.empty());
  auto me = http_->Get("/api/auth/me", bearer(token));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(body(me)["user"]["email"], "ann@example.com");
  EXPECT_FALSE(body(me)["user"].contains("passwordHash"));

  const nlohmann::json login = {{"email", "ann@example.com"}, {"password", "correct horse battery"}};
  auto logged_in = http_->Post("/api/auth/login", login.dump(), "application/json");
  ASSERT_TRUE(logged_in);
  EXPECT_EQ(logged_in->status, 200);
  const std::string second_token = body(logged_in)["token"];
  EXPECT_NE(second_token, token);

  auto logout = http_->Post("/api/auth/logout", bearer(token), "", "application/json");
  ASSERT_TRUE(logout);
  EXPECT_EQ(logout->status, 200);
  auto after = http_->Get("/api/auth/me", bearer(token));
  EXPECT_EQ(after->status, 401);
  EXPECT_EQ(body(after)["error"]["code"], "unauthorized");
  EXPECT_EQ(http_->Get("/api/auth/me", bearer(second_token))->status, 200);  // other session unaffected
}

TEST_P(AuthApi, ClearErrorsForBadRequests) {
  register_user("bob@example.com");
  auto duplicate = http_->Post("/api/auth/register",
                               R"({"email":"BOB@example.com","password":"another password","name":"B"})",
                               "application/json");
  EXPECT_EQ(duplicate->status, 409);
  EXPECT_EQ(body(duplicate)["error"]["code"], "conflict");

  auto wrong = http_->Post("/api/auth/login", R"({"email":"bob@example.com","password":"wrong password"})",
                           "application/json");
  EXPECT_EQ(wrong->status, 401);
  auto unknown = http_->Post("/api/auth/login", R"({"email":"nobody@example.com","password":"wrong password"})",
                             "application/json");
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(body(wrong)["error"]["message"], body(unknown)["error"]["message"]);  // no account probing

  auto not_json = http_->Post("/api/auth/register", "{nope", "application/json");
  EXPECT_EQ(not_json->status, 400);
  EXPECT_EQ(body(not_json)["error"]["code"], "invalid_argument");
  auto short_password = http_->Post("/api/auth/register", R"({"email":"c@example.com","password":"x","name":"C"})",
                                    "application/json");
  EXPECT_EQ(short_password->status, 400);
  auto bad_email = http_->Post("/api/auth/register", R"({"email":"not an email","password":"long enough pw"})",
                               "application/json");
  EXPECT_EQ(bad_email->status, 400);
  auto wrong_type = http_->Post("/api/auth/register", R"({"email":42,"password":"long enough pw"})", "application/json");
  EXPECT_EQ(wrong_type->status, 400);
}

TEST_P(AuthApi, ProtectedRoutesNeedAValidToken) {
  for (const char* path : {"/api/voice/status", "/api/voice/recordings", "/api/auth/me"}) {
    auto none = http_->Get(path);
    EXPECT_EQ(none->status, 401) << path;
    EXPECT_EQ(body(none)["error"]["code"], "unauthorized");
    auto forged = http_->Get(path, bearer("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    EXPECT_EQ(forged->status, 401) << path;
  }
}

TEST_P(AuthApi, UnknownRoutesGetJsonErrors) {
  auto missing = http_->Get("/api/nothing-here");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(body(missing)["error"]["code"], "not_found");
}

TEST_P(AuthApi, ExpiredTokensAreRefused) {
  setenv("ECHOES_TOKEN_TTL_S", "1", 1);  // the child inherits it: env configures the server
  restart();
  unsetenv("ECHOES_TOKEN_TTL_S");
  const std::string token = register_user("short@example.com");
  EXPECT_EQ(http_->Get("/api/auth/me", bearer(token))->status, 200);
  sleep(2);
  auto expired = http_->Get("/api/auth/me", bearer(token));
  EXPECT_EQ(expired->status, 401);
  EXPECT_NE(body(expired)["error"]["message"].get<std::string>().find("expired"), std::string::npos);
}

}  // namespace
}  // namespace echoes::testing
