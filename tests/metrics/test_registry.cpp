#include <gtest/gtest.h>

#include "metrics/registry.h"
#include "support/prometheus_parser.h"

namespace echoes::metrics {
namespace {

TEST(MetricsRegistry, RendersValidPrometheusText) {
  Registry registry;
  registry.describe("echoes_requests_total", "Requests.", "counter");
  registry.increment("echoes_requests_total", {{"route", "/a"}, {"status", "200"}});
  registry.increment("echoes_requests_total", {{"route", "/a"}, {"status", "200"}});
  registry.increment("echoes_requests_total", {{"route", "/weird\"path\\"}, {"status", "500"}});
  registry.describe("echoes_latency_seconds", "Latency.", "histogram");
  for (double v : {0.001, 0.02, 0.3, 100.0}) registry.observe("echoes_latency_seconds", v, {{"route", "/a"}});
  registry.gauge("echoes_memory_bytes", "Memory.", [] { return 1234.0; });

  const auto parsed = testing::parse_prometheus_text(registry.render());
  EXPECT_EQ(parsed.families.at("echoes_requests_total").type, "counter");
  EXPECT_DOUBLE_EQ(parsed.sum("echoes_requests_total", {{"route", "/a"}}), 2.0);
  EXPECT_DOUBLE_EQ(parsed.sum("echoes_requests_total", {{"route", "/weird\"path\\"}}), 1.0);
  EXPECT_DOUBLE_EQ(parsed.sum("echoes_latency_seconds_count"), 4.0);
  EXPECT_DOUBLE_EQ(parsed.sum("echoes_latency_seconds_bucket", {{"le", "0.025"}}), 2.0);
  EXPECT_DOUBLE_EQ(parsed.sum("echoes_latency_seconds_bucket", {{"le", "+Inf"}}), 4.0);
  EXPECT_NEAR(parsed.sum("echoes_latency_seconds_sum"), 100.321, 1e-9);
  EXPECT_DOUBLE_EQ(parsed.sum("echoes_memory_bytes"), 1234.0);
}

TEST(MetricsRegistry, ParserRejectsMalformedText) {
  EXPECT_THROW(testing::parse_prometheus_text("# TYPE x counter\nx{a=\"1} 1\n"), std::runtime_error);
  EXPECT_THROW(testing::parse_prometheus_text("# TYPE x counter\nx one\n"), std::runtime_error);
  EXPECT_THROW(testing::parse_prometheus_text("y 1\n"), std::runtime_error);  // no TYPE
  EXPECT_THROW(testing::parse_prometheus_text("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n"),
               std::runtime_error);  // not cumulative
}

TEST(MetricsRegistry, ResidentMemoryIsMeasured) { EXPECT_GT(process_resident_bytes(), 1e6); }

}  // namespace
}  // namespace echoes::metrics
