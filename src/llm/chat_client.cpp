#include "llm/chat_client.h"

#include <chrono>
#include <cmath>
#include <random>
#include <thread>

#include <httplib.h>

#include "common/log.h"
#include "llm/openai_json.h"
#include "llm/sse_parser.h"

namespace echoes::llm {
namespace {

constexpr std::size_t kMaxReplyBytes = 4 * 1024 * 1024;  // a chat reply is a few KB; stop a runaway body

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::pair<time_t, time_t> split_seconds(double seconds) {
  const double whole = std::floor(seconds);
  return {static_cast<time_t>(whole), static_cast<time_t>((seconds - whole) * 1e6)};
}

double random01() {
  thread_local std::mt19937 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

std::optional<double> mean_probability(const std::vector<double>& logprobs) {
  if (logprobs.empty()) return std::nullopt;
  double sum = 0;
  for (const double value : logprobs) sum += value;
  return std::exp(sum / static_cast<double>(logprobs.size()));
}

bool is_connect_error(httplib::Error error) {
  using E = httplib::Error;
  return error == E::Connection || error == E::ConnectionTimeout || error == E::BindIPAddress ||
         error == E::SSLConnection || error == E::SSLLoadingCerts || error == E::SSLServerVerification;
}

// What a streamed reply has delivered so far.
struct StreamState {
  std::string text;
  std::string finish_reason;
  std::vector<double> logprobs;
  bool done = false;       // "[DONE]" seen
  bool malformed = false;  // a chunk that is not a chat-completion chunk
  bool cancelled = false;  // the listener said stop
};

}  // namespace

struct ChatClient::Attempt {
  enum class Outcome { ok, transient, permanent, cancelled };
  Outcome outcome = Outcome::ok;
  Completion completion;
  Failure failure = Failure::bad_reply;
  std::string message;

  // Marks a failure; once text was delivered it is final (`interrupted`).
  void fail(Failure why, std::string text, bool transient) {
    const bool delivered = !completion.text.empty();
    failure = delivered ? Failure::interrupted : why;
    message = delivered ? "The text model stopped in the middle of its reply." : std::move(text);
    outcome = transient && !delivered ? Outcome::transient : Outcome::permanent;
  }
};

ChatClient::ChatClient(ClientOptions options, SleepFn sleep, std::function<double()> clock_s)
    : options_(std::move(options)),
      base_(options_.base_url.empty() ? BaseUrl{} : parse_base_url(options_.base_url)),
      sleep_(sleep ? std::move(sleep)
                   : SleepFn([](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); })),
      breaker_(options_.breaker, std::move(clock_s)) {}

Completion ChatClient::complete(const CompletionRequest& request) { return run(request, nullptr); }

Completion ChatClient::stream(const CompletionRequest& request, const DeltaFn& on_delta) {
  return run(request, &on_delta);
}

Completion ChatClient::run(const CompletionRequest& request, const DeltaFn* on_delta) {
  if (!configured()) throw ModelError(Failure::not_configured, "No text model is configured.");
  const std::string body =
      completion_request_json(options_.model, request, on_delta != nullptr, options_.request_logprobs);
  const int max_attempts = std::max(1, options_.retry.max_attempts);
  for (int attempt = 1;; ++attempt) {
    if (!breaker_.allow()) {
      throw ModelError(Failure::circuit_open,
                       "The text model failed several times just now; Echoes will try it again shortly.", "",
                       attempt - 1);
    }
    Attempt result = attempt_once(body, on_delta);
    result.completion.attempts = attempt;
    if (result.outcome == Attempt::Outcome::ok) {
      breaker_.record_success();
      return result.completion;
    }
    if (result.outcome == Attempt::Outcome::cancelled) {
      breaker_.record_abandoned();
      return result.completion;
    }
    breaker_.record_failure();
    log::warn("llm_attempt_failed", {{"attempt", attempt}, {"failure", failure_name(result.failure)}});
    if (result.outcome == Attempt::Outcome::permanent || attempt >= max_attempts) {
      throw ModelError(result.failure, result.message, result.completion.text, attempt);
    }
    sleep_(backoff_delay_s(options_.retry, attempt, random01()));
  }
}

ChatClient::Attempt ChatClient::attempt_once(const std::string& body, const DeltaFn* on_delta) {
  httplib::Client client(base_.scheme_host_port);
  const auto [connect_s, connect_us] = split_seconds(options_.connect_timeout_s);
  const auto [read_s, read_us] = split_seconds(options_.read_timeout_s);
  client.set_connection_timeout(connect_s, connect_us);
  client.set_read_timeout(read_s, read_us);
  client.set_write_timeout(read_s, read_us);
  client.set_keep_alive(false);

  httplib::Request req;
  req.method = "POST";
  req.path = base_.path_prefix + "/chat/completions";
  req.headers = {{"Content-Type", "application/json"},
                 {"Accept", on_delta ? "text/event-stream" : "application/json"}};
  if (!options_.api_key.empty()) req.headers.emplace("Authorization", "Bearer " + options_.api_key);
  req.body = body;

  int status = 0;
  bool event_stream = false;
  bool timed_out = false;
  std::string raw;  // a whole (non-SSE) body: the reply or an error
  StreamState stream;
  SseParser parser([&](const SseEvent& event) {
    if (event.data == "[DONE]") {
      stream.done = true;
      return true;
    }
    const auto piece = parse_stream_chunk(event.data);
    if (!piece) {
      stream.malformed = true;
      return false;
    }
    stream.logprobs.insert(stream.logprobs.end(), piece->token_logprobs.begin(), piece->token_logprobs.end());
    if (!piece->finish_reason.empty()) stream.finish_reason = piece->finish_reason;
    if (piece->text.empty()) return true;
    stream.text += piece->text;
    if (!(*on_delta)(piece->text)) {
      stream.cancelled = true;
      return false;
    }
    return true;
  });
  const double started_s = now_s();
  req.response_handler = [&](const httplib::Response& response) {
    status = response.status;
    event_stream = on_delta && status == 200 &&
                   response.get_header_value("Content-Type").find("text/event-stream") != std::string::npos;
    return true;
  };
  req.content_receiver = [&](const char* data, size_t size, uint64_t, uint64_t) {
    if (now_s() - started_s > options_.total_timeout_s) {
      timed_out = true;
      return false;
    }
    if (event_stream) return parser.feed(std::string_view(data, size));
    if (raw.size() + size > kMaxReplyBytes) return false;
    raw.append(data, size);
    return true;
  };

  httplib::Response response;
  httplib::Error error = httplib::Error::Success;
  const bool sent = client.send(req, response, error);

  Attempt result;
  result.completion.text = stream.text;
  if (stream.cancelled) {
    result.outcome = Attempt::Outcome::cancelled;
    result.completion.cancelled = true;
    return result;
  }
  const double elapsed_s = now_s() - started_s;
  if (timed_out || (!sent && error == httplib::Error::Read && elapsed_s >= options_.read_timeout_s * 0.95)) {
    result.fail(Failure::timeout, "The text model took too long to answer.", true);
    return result;
  }
  if (stream.malformed) {
    result.fail(Failure::bad_reply, "The text model sent something that is not a chat reply.", true);
    return result;
  }
  if (!sent) {
    if (is_connect_error(error)) {
      result.fail(Failure::unreachable, "The text model cannot be reached.", true);
    } else {
      result.fail(Failure::unreachable, "The text model closed the connection before answering.", true);
    }
    return result;
  }
  if (status != 200) {
    log::warn("llm_http_error", {{"status", status}});
    result.fail(Failure::http_error, "The text model answered with an error (HTTP " + std::to_string(status) + ").",
                is_transient_status(status));
    return result;
  }
  if (event_stream) {
    if (!stream.done && stream.finish_reason.empty()) {
      result.fail(Failure::unreachable, "The text model's reply broke off.", true);
      return result;
    }
    result.completion.finish_reason = stream.finish_reason;
    result.completion.mean_token_probability = mean_probability(stream.logprobs);
    return result;
  }
  const auto piece = parse_completion(raw);
  if (!piece) {
    result.fail(Failure::bad_reply, "The text model sent something that is not a chat reply.", true);
    return result;
  }
  // A server that ignored "stream": true: hand the whole text over as one piece.
  if (on_delta && !piece->text.empty() && !(*on_delta)(piece->text)) {
    result.outcome = Attempt::Outcome::cancelled;
    result.completion.cancelled = true;
  }
  result.completion.text = piece->text;
  result.completion.finish_reason = piece->finish_reason;
  result.completion.mean_token_probability = mean_probability(piece->token_logprobs);
  return result;
}

}  // namespace echoes::llm
