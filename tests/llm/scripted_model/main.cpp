// A scripted OpenAI-compatible chat-completions server for tests and benchmarks.
// NOT a language model: it replies with a fixed text, and the request's "model" field
// picks the behaviour, so a test can point Echoes at it with ECHOES_LLM_MODEL.
//
//   model = "<mode>[:key=value,...]"
//   normal                     the reply, whole or streamed (stream=true), tokens at `tps`/s (default 1000)
//   slow:delay_ms=N            waits N ms before answering (default 5000)
//   error:status=N             always answers HTTP N (default 500)
//   flaky:fail=N,status=S      the first N chat requests since the last reset answer S (default 500)
//   disconnect:after=N         streams N tokens, then drops the connection (whole replies: a cut body)
//   stall:after=N,delay_ms=M   streams N tokens, then goes silent for M ms before finishing
//
// Control: POST /control/reply (body = the reply text), POST /control/reset (counters and
// reply), GET /control/stats ({"chatRequests": n}), GET /control/last (last request body).
// `--api-key K` makes every chat request without "Authorization: Bearer K" get 401.
// Prints "listening on 127.0.0.1:<port>" once ready.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

const char* kDefaultReply =
    "I remember the summer we spent by the lake. Your grandmother packed sandwiches every morning. "
    "We rowed out to the little island and watched the herons.";

struct Behaviour {
  std::string mode = "normal";
  std::map<std::string, double> params;
  double get(const std::string& key, double fallback) const {
    const auto it = params.find(key);
    return it == params.end() ? fallback : it->second;
  }
};

Behaviour parse_behaviour(const std::string& model) {
  Behaviour behaviour;
  const auto colon = model.find(':');
  behaviour.mode = model.substr(0, colon);
  if (colon == std::string::npos) return behaviour;
  std::string rest = model.substr(colon + 1);
  std::size_t start = 0;
  while (start < rest.size()) {
    const auto comma = rest.find(',', start);
    const std::string pair = rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const auto equals = pair.find('=');
    if (equals != std::string::npos) behaviour.params[pair.substr(0, equals)] = std::stod(pair.substr(equals + 1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return behaviour;
}

// Word tokens carry their leading space; punctuation is a token of its own, as in real tokenizers.
std::vector<std::string> tokenize(const std::string& text) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    std::string token;
    while (i < text.size() && text[i] == ' ') token += text[i++];
    auto is_word = [](unsigned char ch) { return std::isalnum(ch) || ch == '\'' || ch >= 0x80; };
    if (i < text.size() && is_word(static_cast<unsigned char>(text[i]))) {
      while (i < text.size() && is_word(static_cast<unsigned char>(text[i]))) token += text[i++];
    } else if (i < text.size()) {
      token += text[i++];
    }
    tokens.push_back(token);
  }
  return tokens;
}

std::string chunk_json(const std::string& model, const json& delta, const json& finish_reason) {
  return "data: " +
         json{{"id", "chatcmpl-scripted"},
              {"object", "chat.completion.chunk"},
              {"model", model},
              {"choices", json::array({{{"index", 0}, {"delta", delta}, {"finish_reason", finish_reason}}})}}
             .dump() +
         "\n\n";
}

std::string whole_json(const std::string& model, const std::string& text) {
  return json{{"id", "chatcmpl-scripted"},
              {"object", "chat.completion"},
              {"model", model},
              {"choices", json::array({{{"index", 0},
                                        {"message", {{"role", "assistant"}, {"content", text}}},
                                        {"finish_reason", "stop"}}})}}
      .dump();
}

struct State {
  std::mutex mutex;
  std::string reply = kDefaultReply;
  std::string last_body;
  int chat_requests = 0;
};

void sleep_ms(double ms) { std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(ms)); }

void stream_reply(httplib::Response& res, const std::string& model, const Behaviour& behaviour,
                  const std::string& reply) {
  struct Progress {
    std::vector<std::string> tokens;
    std::size_t next = 0;
    bool started = false;
    Clock::time_point start;
  };
  auto progress = std::make_shared<Progress>();
  progress->tokens = tokenize(reply);
  const double tps = behaviour.get("tps", 1000);
  const int cut_after = behaviour.mode == "disconnect" ? static_cast<int>(behaviour.get("after", 3)) : -1;
  const int stall_after = behaviour.mode == "stall" ? static_cast<int>(behaviour.get("after", 3)) : -1;
  const double stall_ms = behaviour.get("delay_ms", 5000);
  res.set_chunked_content_provider(
      "text/event-stream", [=](size_t, httplib::DataSink& sink) {
        auto& p = *progress;
        if (!p.started) {
          p.started = true;
          p.start = Clock::now();
          const std::string first = chunk_json(model, {{"role", "assistant"}}, nullptr);
          return sink.write(first.data(), first.size());
        }
        if (static_cast<int>(p.next) == cut_after) return false;  // drop the connection mid-stream
        if (static_cast<int>(p.next) == stall_after) sleep_ms(stall_ms);
        if (p.next < p.tokens.size()) {
          // Absolute schedule: token i leaves at start + (i+1)/tps, so delays do not accumulate.
          std::this_thread::sleep_until(p.start + std::chrono::duration_cast<Clock::duration>(
                                                      std::chrono::duration<double>((p.next + 1) / tps)));
          const std::string chunk = chunk_json(model, {{"content", p.tokens[p.next]}}, nullptr);
          ++p.next;
          return sink.write(chunk.data(), chunk.size());
        }
        const std::string end = chunk_json(model, json::object(), "stop") + "data: [DONE]\n\n";
        if (!sink.write(end.data(), end.size())) return false;
        sink.done();
        return true;
      });
}

void whole_reply(httplib::Response& res, const std::string& model, const Behaviour& behaviour,
                 const std::string& reply) {
  const std::string body = whole_json(model, reply);
  if (behaviour.mode != "disconnect") {
    res.set_content(body, "application/json");
    return;
  }
  // Announce the full length, send half, then drop the connection.
  res.set_content_provider(body.size(), "application/json", [body](size_t offset, size_t, httplib::DataSink& sink) {
    if (offset > 0) return false;
    return sink.write(body.data(), body.size() / 2);
  });
}

}  // namespace

int main(int argc, char** argv) {
  std::string api_key;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--api-key") api_key = argv[i + 1];
  }
  auto state = std::make_shared<State>();
  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(16); };

  server.Post("/v1/chat/completions", [state, api_key](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    std::string reply;
    int request_number = 0;
    {
      std::lock_guard lock(state->mutex);
      state->last_body = req.body;
      request_number = ++state->chat_requests;
      reply = state->reply;
    }
    if (!api_key.empty() && req.get_header_value("Authorization") != "Bearer " + api_key) {
      res.status = 401;
      res.set_content(R"({"error":{"message":"bad key"}})", "application/json");
      return;
    }
    if (!body.is_object() || !body.contains("model") || !body["model"].is_string()) {
      res.status = 400;
      res.set_content(R"({"error":{"message":"model missing"}})", "application/json");
      return;
    }
    const std::string model = body["model"];
    const Behaviour behaviour = parse_behaviour(model);
    if (behaviour.mode == "slow") sleep_ms(behaviour.get("delay_ms", 5000));
    const bool fails = behaviour.mode == "error" ||
                       (behaviour.mode == "flaky" && request_number <= static_cast<int>(behaviour.get("fail", 1)));
    if (fails) {
      res.status = static_cast<int>(behaviour.get("status", 500));
      res.set_content(R"({"error":{"message":"scripted failure"}})", "application/json");
      return;
    }
    if (body.value("stream", false)) {
      stream_reply(res, model, behaviour, reply);
    } else {
      whole_reply(res, model, behaviour, reply);
    }
  });
  server.Post("/control/reply", [state](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(state->mutex);
    state->reply = req.body;
    res.set_content("{}", "application/json");
  });
  server.Post("/control/reset", [state](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(state->mutex);
    state->reply = kDefaultReply;
    state->chat_requests = 0;
    state->last_body.clear();
    res.set_content("{}", "application/json");
  });
  server.Get("/control/stats", [state](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(state->mutex);
    res.set_content(json{{"chatRequests", state->chat_requests}}.dump(), "application/json");
  });
  server.Get("/control/last", [state](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(state->mutex);
    res.set_content(state->last_body, "application/json");
  });

  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) return 1;
  std::printf("listening on 127.0.0.1:%d\n", port);
  std::fflush(stdout);
  server.listen_after_bind();
  return 0;
}
