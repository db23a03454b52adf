// GET /metrics is valid Prometheus text and counts what happened.
#include "api_fixture.h"
#include "support/prometheus_parser.h"
#include "support/test_data.h"

#include <cstdlib>

namespace echoes::testing {
namespace {

class MetricsApi : public BackendApiTest {};
ECHOES_ON_BOTH_BACKENDS(MetricsApi);

TEST_P(MetricsApi, ExposesRequestsRejectionsAndProcessGauges) {
  http_->Get("/healthz");
  http_->Get("/healthz");
  const std::string token = register_user("ann@example.com");
  upload(token, "not audio at all", "wisdom-legacy");  // one rejection
  // One chat reply with no text model configured: answered from memories (fallback level 2).
  http_->Post("/api/ai-echo/chat", bearer(token), R"({"message":"Hello?"})", "application/json");

  auto result = http_->Get("/metrics");
  ASSERT_EQ(result->status, 200);
  EXPECT_NE(result->get_header_value("Content-Type").find("text/plain"), std::string::npos);
  const PromExposition metrics = parse_prometheus_text(result->body);  // throws on any format error
  EXPECT_EQ(metrics.families.at("echoes_http_requests_total").type, "counter");
  EXPECT_GE(metrics.sum("echoes_http_requests_total", {{"route", "/healthz"}, {"status", "200"}}), 2.0);
  EXPECT_EQ(metrics.sum("echoes_upload_rejections_total", {{"reason", "invalid_audio"}}), 1.0);
  EXPECT_GE(metrics.sum("echoes_http_request_duration_seconds_count", {{"route", "/api/auth/register"}}), 1.0);
  EXPECT_GT(metrics.sum("echoes_process_resident_memory_bytes"), 1e6);
  EXPECT_TRUE(metrics.has("echoes_training_queue_depth"));
  EXPECT_EQ(metrics.sum("echoes_chat_replies_total", {{"fallback_level", "2"}}), 1.0);
  EXPECT_EQ(metrics.sum("echoes_chat_reply_seconds_count"), 1.0);
  // Nothing personal: no emails or tokens in the exposition.
  EXPECT_EQ(result->body.find("ann@example.com"), std::string::npos);
  EXPECT_EQ(result->body.find(token), std::string::npos);
}

}  // namespace
}  // namespace echoes::testing

namespace echoes::testing {
namespace {

TEST_P(MetricsApi, OperatorAnalyticsAreForAdminsAndHoldNoPersonalData) {
  ECHOES_REQUIRE_SPEECH_DATA();
  setenv("ECHOES_ADMIN_EMAILS", "Boss@Example.com, other@example.com", 1);
  restart();
  unsetenv("ECHOES_ADMIN_EMAILS");
  const std::string boss = register_user("boss@example.com");
  const std::string ann = register_user("ann@example.com");
  ASSERT_EQ(upload(ann, kathleen_wav(5.0), "wisdom-legacy")->status, 201);

  EXPECT_EQ(http_->Get("/api/admin/analytics", bearer(ann))->status, 403);
  auto result = http_->Get("/api/admin/analytics", bearer(boss));
  ASSERT_EQ(result->status, 200) << result->body;
  const auto analytics = body(result);
  EXPECT_EQ(analytics["users"], 2);
  EXPECT_EQ(analytics["recordingSessions"]["started"], 1);
  EXPECT_EQ(analytics["recordingSessions"]["allPassagesRecorded"], 0);
  EXPECT_EQ(analytics["tiers"]["none"], 1);
  ASSERT_EQ(analytics["quality"]["perWeek"].size(), 1u);
  EXPECT_GT(analytics["quality"]["perWeek"][0]["meanScore"].get<double>(), 60.0);
  EXPECT_EQ(analytics["ratings"]["count"], 0);
  EXPECT_EQ(result->body.find("ann@example.com"), std::string::npos);
}

}  // namespace
}  // namespace echoes::testing
