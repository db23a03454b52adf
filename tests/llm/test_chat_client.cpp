// The chat-completions client against a real HTTP server process (the scripted model):
// whole and streamed replies, retries with backoff, circuit breaker, timeouts, cuts.
#include <gtest/gtest.h>

#include "llm/chat_client.h"
#include "scripted_model/scripted_model_process.h"

namespace echoes::llm {
namespace {

using echoes::testing::ScriptedModel;

class ChatClientTest : public ::testing::Test {
 protected:
  ClientOptions options(const std::string& model) {
    ClientOptions o;
    o.base_url = model_.base_url();
    o.model = model;
    o.read_timeout_s = 5;
    o.retry.max_attempts = 3;
    o.retry.initial_delay_s = 0.01;
    o.retry.jitter = 0;
    o.breaker.failure_threshold = 100;  // breaker tests set their own
    return o;
  }
  ChatClient client(const ClientOptions& o) {
    return ChatClient(o, [this](double s) { sleeps_.push_back(s); });
  }
  static CompletionRequest hello() {
    CompletionRequest request;
    request.messages = {{"user", "Hello"}};
    return request;
  }

  ScriptedModel model_;
  std::vector<double> sleeps_;
};

constexpr const char* kReply = "One two three. Four five!";

TEST_F(ChatClientTest, WholeReply) {
  model_.set_reply(kReply);
  auto c = client(options("normal"));
  const auto completion = c.complete(hello());
  EXPECT_EQ(completion.text, kReply);
  EXPECT_EQ(completion.finish_reason, "stop");
  EXPECT_EQ(completion.attempts, 1);
  EXPECT_NE(model_.last_request().find("\"stream\":false"), std::string::npos);
}

TEST_F(ChatClientTest, StreamedReplyArrivesInPieces) {
  model_.set_reply(kReply);
  auto c = client(options("normal:tps=200"));
  std::vector<std::string> deltas;
  const auto completion = c.stream(hello(), [&](std::string_view d) {
    deltas.emplace_back(d);
    return true;
  });
  EXPECT_EQ(completion.text, kReply);
  EXPECT_GE(deltas.size(), 7u);
  std::string joined;
  for (const auto& d : deltas) joined += d;
  EXPECT_EQ(joined, kReply);
}

TEST_F(ChatClientTest, RetriesTransientErrorsWithGrowingBackoff) {
  auto c = client(options("flaky:fail=2,status=503"));
  const auto completion = c.complete(hello());
  EXPECT_EQ(completion.attempts, 3);
  EXPECT_EQ(model_.chat_requests(), 3);
  ASSERT_EQ(sleeps_.size(), 2u);
  EXPECT_DOUBLE_EQ(sleeps_[0], 0.01);
  EXPECT_DOUBLE_EQ(sleeps_[1], 0.02);
}

TEST_F(ChatClientTest, GivesUpAfterMaxAttempts) {
  auto c = client(options("error:status=500"));
  try {
    c.complete(hello());
    FAIL() << "expected a ModelError";
  } catch (const ModelError& e) {
    EXPECT_EQ(e.failure(), Failure::http_error);
    EXPECT_EQ(e.attempts(), 3);
    EXPECT_EQ(e.code(), "unavailable");
  }
  EXPECT_EQ(model_.chat_requests(), 3);
}

TEST_F(ChatClientTest, DoesNotRetryARequestTheServerCallsWrong) {
  auto c = client(options("error:status=400"));
  EXPECT_THROW(c.complete(hello()), ModelError);
  EXPECT_EQ(model_.chat_requests(), 1);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(ChatClientTest, CircuitOpensFailsFastAndHalfOpensAfterCoolDown) {
  double now_s = 0;
  auto o = options("flaky:fail=2");
  o.retry.max_attempts = 1;
  o.breaker = {2, 30.0};
  ChatClient c(o, [](double) {}, [&] { return now_s; });
  EXPECT_THROW(c.complete(hello()), ModelError);
  EXPECT_THROW(c.complete(hello()), ModelError);
  EXPECT_EQ(c.breaker_state(), BreakerState::open);
  try {
    c.complete(hello());
    FAIL() << "expected circuit_open";
  } catch (const ModelError& e) {
    EXPECT_EQ(e.failure(), Failure::circuit_open);
    EXPECT_EQ(e.attempts(), 0);
  }
  EXPECT_EQ(model_.chat_requests(), 2);  // the open circuit sent nothing
  now_s = 31;
  EXPECT_EQ(c.breaker_state(), BreakerState::half_open);
  EXPECT_EQ(c.complete(hello()).attempts, 1);  // the probe reaches the (now healthy) model
  EXPECT_EQ(c.breaker_state(), BreakerState::closed);
  EXPECT_EQ(model_.chat_requests(), 3);
}

TEST_F(ChatClientTest, SlowModelTimesOut) {
  auto o = options("slow:delay_ms=3000");
  o.read_timeout_s = 0.3;
  o.retry.max_attempts = 1;
  auto c = client(o);
  try {
    c.complete(hello());
    FAIL() << "expected a timeout";
  } catch (const ModelError& e) {
    EXPECT_EQ(e.failure(), Failure::timeout);
  }
}

TEST_F(ChatClientTest, StreamCutAfterTextIsInterruptedAndNotRetried) {
  model_.set_reply(kReply);
  auto c = client(options("disconnect:after=3"));
  std::string seen;
  try {
    c.stream(hello(), [&](std::string_view d) {
      seen += d;
      return true;
    });
    FAIL() << "expected interrupted";
  } catch (const ModelError& e) {
    EXPECT_EQ(e.failure(), Failure::interrupted);
    EXPECT_EQ(e.partial_text(), "One two three");
    EXPECT_EQ(seen, "One two three");
  }
  EXPECT_EQ(model_.chat_requests(), 1);
}

TEST_F(ChatClientTest, StreamCutBeforeAnyTextIsRetried) {
  auto c = client(options("disconnect:after=0"));
  EXPECT_THROW(c.stream(hello(), [](std::string_view) { return true; }), ModelError);
  EXPECT_EQ(model_.chat_requests(), 3);
}

TEST_F(ChatClientTest, WholeReplyCutIsRetried) {
  auto c = client(options("disconnect"));
  EXPECT_THROW(c.complete(hello()), ModelError);
  EXPECT_EQ(model_.chat_requests(), 3);
}

TEST_F(ChatClientTest, StallMidStreamIsInterrupted) {
  model_.set_reply(kReply);
  auto o = options("stall:after=2,delay_ms=3000");
  o.read_timeout_s = 0.3;
  auto c = client(o);
  try {
    c.stream(hello(), [](std::string_view) { return true; });
    FAIL() << "expected interrupted";
  } catch (const ModelError& e) {
    EXPECT_EQ(e.failure(), Failure::interrupted);
    EXPECT_EQ(e.partial_text(), "One two");
  }
}

TEST_F(ChatClientTest, ListenerCanStopTheStream) {
  model_.set_reply(kReply);
  auto c = client(options("normal:tps=100"));
  int count = 0;
  const auto completion = c.stream(hello(), [&](std::string_view) { return ++count < 2; });
  EXPECT_TRUE(completion.cancelled);
  EXPECT_EQ(completion.text, "One two");
  EXPECT_EQ(c.breaker_state(), BreakerState::closed);
}

TEST_F(ChatClientTest, UnreachableModel) {
  const std::string url = model_.base_url();
  model_.stop();
  auto o = options("normal");
  o.base_url = url;
  auto c = client(o);
  try {
    c.complete(hello());
    FAIL() << "expected unreachable";
  } catch (const ModelError& e) {
    EXPECT_EQ(e.failure(), Failure::unreachable);
    EXPECT_EQ(e.attempts(), 3);
  }
}

TEST(ChatClient, NotConfigured) {
  ChatClient c(ClientOptions{});
  EXPECT_FALSE(c.configured());
  try {
    c.complete({});
    FAIL();
  } catch (const ModelError& e) {
    EXPECT_EQ(e.failure(), Failure::not_configured);
  }
}

TEST(ChatClient, SendsTheApiKey) {
  ScriptedModel model({"--api-key", "sesame"});
  ClientOptions o;
  o.base_url = model.base_url();
  o.model = "normal";
  o.retry.max_attempts = 3;
  EXPECT_THROW(ChatClient(o).complete({}), ModelError);  // no key: 401, not retried
  EXPECT_EQ(model.chat_requests(), 1);
  o.api_key = "sesame";
  EXPECT_FALSE(ChatClient(o).complete({}).text.empty());
}

}  // namespace
}  // namespace echoes::llm
