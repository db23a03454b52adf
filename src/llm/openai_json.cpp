#include "llm/openai_json.h"

#include <nlohmann/json.hpp>

namespace echoes::llm {
namespace {

using nlohmann::json;

std::string string_or_empty(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<double> token_logprobs(const json& choice) {
  std::vector<double> values;
  const auto logprobs = choice.find("logprobs");
  if (logprobs == choice.end() || !logprobs->is_object()) return values;
  const auto content = logprobs->find("content");
  if (content == logprobs->end() || !content->is_array()) return values;
  for (const auto& token : *content) {
    if (token.is_object() && token.contains("logprob") && token["logprob"].is_number()) {
      values.push_back(token["logprob"].get<double>());
    }
  }
  return values;
}

std::optional<ReplyPiece> parse_piece(const std::string& text, const char* content_key, bool choices_required) {
  const json body = json::parse(text, nullptr, false);
  if (!body.is_object()) return std::nullopt;
  const auto choices = body.find("choices");
  if (choices == body.end() || !choices->is_array() || choices->empty()) {
    if (choices_required) return std::nullopt;
    return ReplyPiece{};
  }
  const json& choice = choices->front();
  if (!choice.is_object()) return std::nullopt;
  ReplyPiece piece;
  const auto content = choice.find(content_key);
  if (content != choice.end() && content->is_object()) piece.text = string_or_empty(*content, "content");
  piece.finish_reason = string_or_empty(choice, "finish_reason");
  piece.token_logprobs = token_logprobs(choice);
  return piece;
}

}  // namespace

std::string completion_request_json(const std::string& model, const CompletionRequest& request, bool stream,
                                    bool logprobs) {
  json messages = json::array();
  for (const auto& message : request.messages) {
    messages.push_back({{"role", message.role}, {"content", message.content}});
  }
  json body = {{"model", model},
               {"messages", messages},
               {"temperature", request.temperature},
               {"max_tokens", request.max_tokens},
               {"stream", stream}};
  if (logprobs) body["logprobs"] = true;
  return body.dump();
}

std::optional<ReplyPiece> parse_completion(const std::string& body) { return parse_piece(body, "message", true); }

std::optional<ReplyPiece> parse_stream_chunk(const std::string& data) { return parse_piece(data, "delta", false); }

}  // namespace echoes::llm
