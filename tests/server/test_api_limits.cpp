// Abuse limits: synthesis and upload rate limits, login throttling, storage quota.
#include <cstdlib>

#include "api_fixture.h"
#include "support/test_data.h"

namespace echoes::testing {
namespace {

class LimitsApi : public ApiTest {
 protected:
  void SetUp() override {
    setenv("ECHOES_SYNTHESIS_PER_MINUTE", "2", 1);
    setenv("ECHOES_LOGIN_ATTEMPTS_PER_MINUTE", "4", 1);
    setenv("ECHOES_STORAGE_QUOTA_MB", "0.5", 1);
    ApiTest::SetUp();  // the server process inherits the environment
    unsetenv("ECHOES_SYNTHESIS_PER_MINUTE");
    unsetenv("ECHOES_LOGIN_ATTEMPTS_PER_MINUTE");
    unsetenv("ECHOES_STORAGE_QUOTA_MB");
  }
};

TEST_F(LimitsApi, SynthesisIsRateLimitedPerUser) {
  const std::string ann = register_user("ann@example.com");
  const std::string bob = register_user("bob@example.com");
  const std::string request = R"({"text":"Hello there."})";
  EXPECT_EQ(http_->Post("/api/voice/synthesize", bearer(ann), request, "application/json")->status, 409);  // no voice yet
  EXPECT_EQ(http_->Post("/api/voice/synthesize", bearer(ann), request, "application/json")->status, 409);
  auto limited = http_->Post("/api/voice/synthesize", bearer(ann), request, "application/json");
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(body(limited)["error"]["code"], "rate_limited");
  EXPECT_NE(body(limited)["error"]["message"].get<std::string>().find("wait"), std::string::npos);
  // Bob has his own budget.
  EXPECT_EQ(http_->Post("/api/voice/synthesize", bearer(bob), request, "application/json")->status, 409);
}

TEST_F(LimitsApi, LoginGuessingIsThrottled) {
  register_user("ann@example.com");
  const std::string wrong = R"({"email":"ann@example.com","password":"wrong password"})";
  int unauthorized = 0, limited = 0;
  for (int i = 0; i < 6; ++i) {
    const int status = http_->Post("/api/auth/login", wrong, "application/json")->status;
    unauthorized += status == 401;
    limited += status == 429;
  }
  EXPECT_EQ(unauthorized, 4);
  EXPECT_EQ(limited, 2);
  // Changing the case of the email does not reset the count.
  EXPECT_EQ(http_->Post("/api/auth/login", R"({"email":"ANN@example.com","password":"x"})", "application/json")->status, 429);
}

// Guessing locks an account for a while; the owner, on a client that signed in to it
// successfully before (a device cookie), still gets in, as on mature services.
TEST_F(LimitsApi, TheOwnerSignsInFromAKnownDeviceWhileGuessingHasTheAccountThrottled) {
  const std::string kJson = "application/json";
  register_user("ann@example.com");
  register_user("bob@example.com");
  const std::string ann_right = R"({"email":"ann@example.com","password":"correct horse battery"})";
  auto signed_in = http_->Post("/api/auth/login", ann_right, kJson);
  ASSERT_EQ(signed_in->status, 200);
  const std::string set_cookie = signed_in->get_header_value("Set-Cookie");
  ASSERT_EQ(set_cookie.rfind("echoes_device=", 0), 0u) << set_cookie;
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos) << set_cookie;
  const std::string device = set_cookie.substr(0, set_cookie.find(';'));
  const httplib::Headers known = {{"Cookie", "theme=dark; " + device}};

  // Someone else guesses Ann's password (and Bob's) until both accounts are throttled.
  for (const char* email : {"ann@example.com", "bob@example.com"}) {
    const nlohmann::json wrong = {{"email", email}, {"password", "wrong password"}};
    for (int i = 0; i < 5; ++i) http_->Post("/api/auth/login", wrong.dump(), kJson);
  }
  // The lockout stays for everyone else, even with the right password.
  auto stranger = http_->Post("/api/auth/login", ann_right, kJson);
  EXPECT_EQ(stranger->status, 429);
  EXPECT_TRUE(stranger->has_header("Retry-After"));
  // Ann's device gets in, and keeps its device token.
  auto owner = http_->Post("/api/auth/login", known, ann_right, kJson);
  EXPECT_EQ(owner->status, 200) << owner->body;
  EXPECT_EQ(owner->get_header_value("Set-Cookie").rfind(device + ";", 0), 0u);
  // The cookie counts only for the account it signed in to; a made-up one for none.
  const std::string bob_right = R"({"email":"bob@example.com","password":"correct horse battery"})";
  EXPECT_EQ(http_->Post("/api/auth/login", known, bob_right, kJson)->status, 429);
  const httplib::Headers made_up = {{"Cookie", "echoes_device=" + std::string(43, 'A')}};
  EXPECT_EQ(http_->Post("/api/auth/login", made_up, ann_right, kJson)->status, 429);
  // Guessing from the known device is throttled by a bucket of its own.
  const std::string ann_wrong = R"({"email":"ann@example.com","password":"wrong password"})";
  int unauthorized = 0, limited = 0;
  for (int i = 0; i < 5; ++i) {
    const int status = http_->Post("/api/auth/login", known, ann_wrong, kJson)->status;
    unauthorized += status == 401;
    limited += status == 429;
  }
  EXPECT_EQ(unauthorized, 3);  // 4 a minute, one spent on Ann's sign-in above
  EXPECT_EQ(limited, 2);
}

TEST_F(LimitsApi, StorageQuotaStopsUploadsClearly) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const std::string token = register_user("ann@example.com");
  auto full = upload(token, kathleen_wav(15.0), "wisdom-legacy");  // ~0.66 MB > 0.5 MB quota
  EXPECT_EQ(full->status, 403);
  EXPECT_EQ(body(full)["error"]["code"], "forbidden");
  EXPECT_EQ(upload(token, kathleen_wav(4.0), "wisdom-legacy")->status, 201);
}

}  // namespace
}  // namespace echoes::testing
