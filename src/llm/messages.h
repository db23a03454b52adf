#pragma once
// Plain types of an OpenAI-compatible chat completion.
#include <optional>
#include <string>
#include <vector>

namespace echoes::llm {

struct ChatMessage {
  std::string role;     ///< "system", "user" or "assistant"
  std::string content;
};

struct CompletionRequest {
  std::vector<ChatMessage> messages;
  double temperature = 0.7;
  int max_tokens = 400;
};

struct Completion {
  std::string text;
  std::string finish_reason;  ///< "stop", "length", ... ("" when the server sent none)
  /// exp(mean token log-probability) when the server returned logprobs, else nullopt.
  std::optional<double> mean_token_probability;
  int attempts = 1;           ///< HTTP attempts it took (1 = no retry)
  bool cancelled = false;     ///< the listener stopped the stream; `text` is what came before
};

}  // namespace echoes::llm
