#pragma once
// Client for an OpenAI-compatible chat-completions server (llama.cpp's server, vLLM,
// Ollama, ...): whole or streamed (SSE) replies, retries with exponential backoff on
// transient failures, and a circuit breaker shared by every request of this client.
//
// Retry rule: an attempt that fails before any text reached the listener is retried
// (up to retry.max_attempts) when the failure is transient: no connection, a timeout,
// HTTP 408/425/429/5xx, a stream that ends before its first token. Once text has been
// delivered a failure is final (`interrupted`): replaying it would repeat words.
// Every failed attempt counts towards the breaker; while it is open, calls fail at once
// with `circuit_open` and make no HTTP request.
//
// Thread-safe: each call opens its own connection.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "llm/circuit_breaker.h"
#include "llm/messages.h"
#include "llm/model_error.h"
#include "llm/retry_policy.h"
#include "llm/url.h"

namespace echoes::llm {

struct ClientOptions {
  std::string base_url;              ///< e.g. "http://127.0.0.1:8081/v1"; "" = no model configured
  std::string model;                 ///< sent as "model" in each request
  std::string api_key;               ///< "Authorization: Bearer <key>" when not empty
  double connect_timeout_s = 3.0;    ///< TCP connect
  double read_timeout_s = 30.0;      ///< longest silence: before the first byte or between chunks
  double total_timeout_s = 120.0;    ///< one attempt, start to end
  bool request_logprobs = false;     ///< ask for token logprobs (not every server accepts it)
  RetryPolicy retry;
  BreakerOptions breaker;
};

/// Receives each piece of streamed text; return false to stop (e.g. the listener left).
using DeltaFn = std::function<bool(std::string_view delta)>;

class ChatClient {
 public:
  using SleepFn = std::function<void(double seconds)>;

  /// Throws echoes::Error(kInvalidArgument) for a malformed base URL. `sleep` waits
  /// between attempts (default: this thread sleeps); `clock_s` drives the breaker.
  explicit ChatClient(ClientOptions options, SleepFn sleep = {}, std::function<double()> clock_s = {});

  /// One whole reply. Throws ModelError.
  Completion complete(const CompletionRequest& request);

  /// A streamed reply: `on_delta` gets each piece as it arrives; the returned Completion
  /// holds the whole text. When on_delta returns false the stream stops and the result
  /// has cancelled = true. Throws ModelError (partial_text() holds text already delivered).
  Completion stream(const CompletionRequest& request, const DeltaFn& on_delta);

  /// The breaker's state (for capability reports).
  BreakerState breaker_state() { return breaker_.state(); }
  bool configured() const { return !options_.base_url.empty(); }
  const ClientOptions& options() const { return options_; }

 private:
  struct Attempt;
  Completion run(const CompletionRequest& request, const DeltaFn* on_delta);
  Attempt attempt_once(const std::string& body, const DeltaFn* on_delta);

  ClientOptions options_;
  BaseUrl base_;
  SleepFn sleep_;
  CircuitBreaker breaker_;
};

}  // namespace echoes::llm
