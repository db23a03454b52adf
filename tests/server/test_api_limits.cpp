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
