#pragma once
// The JSON of the OpenAI chat-completions protocol: request bodies, whole replies and
// streamed chunks. Tolerant of what llama.cpp, vLLM and Ollama actually send (null
// content, missing fields).
#include <optional>
#include <string>
#include <vector>

#include "llm/messages.h"

namespace echoes::llm {

/// The request body for POST {base}/chat/completions.
std::string completion_request_json(const std::string& model, const CompletionRequest& request, bool stream,
                                    bool logprobs);

/// The parts of one reply (whole or a streamed chunk) Echoes uses.
struct ReplyPiece {
  std::string text;                  ///< message.content (whole) or delta.content (chunk)
  std::string finish_reason;         ///< "" when absent or null
  std::vector<double> token_logprobs;  ///< choices[0].logprobs.content[].logprob, when present
};

/// Parses a non-streamed reply body. nullopt when it is not a chat completion (bad JSON,
/// no choices).
std::optional<ReplyPiece> parse_completion(const std::string& body);

/// Parses the data of one streamed chunk ("data: {...}"). nullopt when it is not a chunk.
/// A chunk with no choices (e.g. a usage-only chunk) parses to an empty piece.
std::optional<ReplyPiece> parse_stream_chunk(const std::string& data);

}  // namespace echoes::llm
