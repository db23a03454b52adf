// Pure parts of the text-model client: URL, SSE parsing, JSON, backoff, circuit breaker.
#include <gtest/gtest.h>

#include "common/error.h"
#include "llm/circuit_breaker.h"
#include "llm/openai_json.h"
#include "llm/retry_policy.h"
#include "llm/sse_parser.h"
#include "llm/url.h"

namespace echoes::llm {
namespace {

TEST(BaseUrl, SplitsHostAndPrefix) {
  auto url = parse_base_url("http://127.0.0.1:8081/v1/");
  EXPECT_EQ(url.scheme_host_port, "http://127.0.0.1:8081");
  EXPECT_EQ(url.path_prefix, "/v1");
  url = parse_base_url("https://models.example.org");
  EXPECT_EQ(url.scheme_host_port, "https://models.example.org");
  EXPECT_EQ(url.path_prefix, "");
}

TEST(BaseUrl, RejectsWhatIsNotAnHttpUrl) {
  for (const char* bad : {"127.0.0.1:8081/v1", "ftp://host/v1", "http:///v1", "http://host/v1?x=1", "http://:80/v1"}) {
    EXPECT_THROW(parse_base_url(bad), Error) << bad;
  }
}

std::vector<SseEvent> parse_in_pieces(const std::string& text, std::size_t piece) {
  std::vector<SseEvent> events;
  SseParser parser([&](const SseEvent& e) {
    events.push_back(e);
    return true;
  });
  for (std::size_t i = 0; i < text.size(); i += piece) parser.feed(std::string_view(text).substr(i, piece));
  return events;
}

TEST(SseParser, SameEventsWhateverTheChunking) {
  const std::string stream =
      ": keep-alive\r\n\r\ndata: {\"a\":1}\r\n\r\nevent: audio\ndata: line1\ndata: line2\n\ndata: [DONE]\n\n";
  for (std::size_t piece : {1u, 2u, 3u, 7u, 1000u}) {
    const auto events = parse_in_pieces(stream, piece);
    ASSERT_EQ(events.size(), 3u) << piece;
    EXPECT_EQ(events[0].data, "{\"a\":1}");
    EXPECT_EQ(events[1].event, "audio");
    EXPECT_EQ(events[1].data, "line1\nline2");
    EXPECT_EQ(events[2].data, "[DONE]");
  }
}

TEST(SseParser, IncompleteEventIsNotDispatched) {
  EXPECT_TRUE(parse_in_pieces("data: {\"a\":1}\n", 4).empty());
}

TEST(SseParser, StopsWhenTheListenerSaysSo) {
  int seen = 0;
  SseParser parser([&](const SseEvent&) { return ++seen < 1; });
  EXPECT_FALSE(parser.feed("data: 1\n\ndata: 2\n\n"));
  EXPECT_EQ(seen, 1);
}

TEST(OpenAiJson, ParsesChunksWithNullsAndLogprobs) {
  auto piece = parse_stream_chunk(R"({"choices":[{"delta":{"content":null},"finish_reason":null}]})");
  ASSERT_TRUE(piece);
  EXPECT_EQ(piece->text, "");
  piece = parse_stream_chunk(
      R"({"choices":[{"delta":{"content":" Hi"},"finish_reason":"stop","logprobs":{"content":[{"logprob":-0.5}]}}]})");
  ASSERT_TRUE(piece);
  EXPECT_EQ(piece->text, " Hi");
  EXPECT_EQ(piece->finish_reason, "stop");
  ASSERT_EQ(piece->token_logprobs.size(), 1u);
  EXPECT_TRUE(parse_stream_chunk(R"({"usage":{}})"));  // usage-only chunk: empty piece
  EXPECT_FALSE(parse_stream_chunk("not json"));
  EXPECT_FALSE(parse_completion(R"({"choices":[]})"));
  EXPECT_EQ(parse_completion(R"({"choices":[{"message":{"content":"Hello."}}]})")->text, "Hello.");
}

TEST(OpenAiJson, RequestBodyCarriesModelMessagesAndStream) {
  CompletionRequest request;
  request.messages = {{"system", "You are Ann."}, {"user", "Hi \"there\""}};
  const std::string body = completion_request_json("m1", request, true, false);
  EXPECT_NE(body.find(R"("model":"m1")"), std::string::npos);
  EXPECT_NE(body.find(R"("stream":true)"), std::string::npos);
  EXPECT_NE(body.find(R"(Hi \"there\")"), std::string::npos);
  EXPECT_EQ(body.find("logprobs"), std::string::npos);
}

TEST(RetryPolicy, ExponentialCappedAndJittered) {
  RetryPolicy policy;
  policy.initial_delay_s = 0.1;
  policy.multiplier = 2;
  policy.max_delay_s = 0.5;
  policy.jitter = 0.2;
  EXPECT_DOUBLE_EQ(backoff_delay_s(policy, 1, 0.0), 0.1);
  EXPECT_DOUBLE_EQ(backoff_delay_s(policy, 2, 0.0), 0.2);
  EXPECT_DOUBLE_EQ(backoff_delay_s(policy, 3, 0.0), 0.4);
  EXPECT_DOUBLE_EQ(backoff_delay_s(policy, 9, 0.0), 0.5);
  EXPECT_NEAR(backoff_delay_s(policy, 2, 0.999999), 0.16, 1e-6);
}

TEST(RetryPolicy, TransientStatuses) {
  for (int status : {408, 425, 429, 500, 502, 503, 504}) EXPECT_TRUE(is_transient_status(status)) << status;
  for (int status : {200, 400, 401, 403, 404, 422}) EXPECT_FALSE(is_transient_status(status)) << status;
}

TEST(CircuitBreaker, OpensAfterThresholdAndProbesAfterCoolDown) {
  double now_s = 100;
  CircuitBreaker breaker({3, 10.0}, [&] { return now_s; });
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(breaker.allow());
    breaker.record_failure();
  }
  EXPECT_EQ(breaker.state(), BreakerState::closed);
  ASSERT_TRUE(breaker.allow());
  breaker.record_failure();
  EXPECT_EQ(breaker.state(), BreakerState::open);
  EXPECT_FALSE(breaker.allow());
  now_s += 9.9;
  EXPECT_FALSE(breaker.allow());
  now_s += 0.2;
  EXPECT_EQ(breaker.state(), BreakerState::half_open);
  EXPECT_TRUE(breaker.allow());   // the one probe
  EXPECT_FALSE(breaker.allow());  // nobody else while it is out
  breaker.record_failure();       // probe failed: open again for a full cool-down
  EXPECT_EQ(breaker.state(), BreakerState::open);
  now_s += 10.1;
  EXPECT_TRUE(breaker.allow());
  breaker.record_success();
  EXPECT_EQ(breaker.state(), BreakerState::closed);
  EXPECT_TRUE(breaker.allow());
}

TEST(CircuitBreaker, SuccessResetsTheCountAndAbandonedProbeFreesTheSlot) {
  double now_s = 0;
  CircuitBreaker breaker({2, 5.0}, [&] { return now_s; });
  breaker.allow();
  breaker.record_failure();
  breaker.allow();
  breaker.record_success();
  breaker.allow();
  breaker.record_failure();
  EXPECT_EQ(breaker.state(), BreakerState::closed);  // not two in a row
  breaker.allow();
  breaker.record_failure();
  EXPECT_EQ(breaker.state(), BreakerState::open);
  now_s = 6;
  EXPECT_TRUE(breaker.allow());
  breaker.record_abandoned();
  EXPECT_TRUE(breaker.allow());
}

}  // namespace
}  // namespace echoes::llm
