#pragma once
// The chat-completions prompt: a system message with the persona and the retrieved
// memories, the recent conversation, then the new question.
#include <string>
#include <vector>

#include "chat/records.h"
#include "llm/messages.h"

namespace echoes::chat {

struct PromptOptions {
  std::size_t max_memory_chars = 1200;  ///< each memory's text is cut to this many bytes
};

/// Builds the messages. `persona` may be empty (no name: "the person these memories
/// belong to"); `history` is oldest first and already limited by the caller.
std::vector<llm::ChatMessage> build_prompt(const Persona& persona, const std::vector<MemoryHit>& memories,
                                           const std::vector<Message>& history, const std::string& question,
                                           const PromptOptions& options = {});

}  // namespace echoes::chat
