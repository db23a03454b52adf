#pragma once
// Replies without the text model. Never invents: level 1 quotes the person's own
// memories word for word, level 2 says honestly that there is no memory.
#include <string>

#include "chat/retrieval.h"

namespace echoes::chat {

/// Opening of every memory-grounded reply, so reader and listener know it is quoted.
inline constexpr const char* kMemoryReplyLead = "From my memories: ";
/// The level-2 reply.
inline constexpr const char* kNoMemoryReply = "I don't have a memory about that.";

struct FallbackOptions {
  int max_sentences = 2;        ///< quoted from the best memory
  double min_coverage = 0.3;    ///< below this the memories do not answer the question
};

/// Level 1: kMemoryReplyLead + the sentences of the best hit that share the most terms
/// with the question (in their original order, verbatim), or its first sentences when
/// only its title matched. "" when retrieval found nothing or its coverage is below
/// options.min_coverage (the caller then uses kNoMemoryReply).
std::string memory_grounded_reply(const Retrieval& retrieval, const FallbackOptions& options = {});

}  // namespace echoes::chat
