#pragma once
// Finding the memories relevant to a question, and how well they cover it.
#include <string>
#include <vector>

#include "chat/memory_repository.h"

namespace echoes::chat {

struct RetrievalOptions {
  int max_memories = 4;  ///< best BM25 hits kept (they go into the prompt)
};

struct Retrieval {
  std::vector<std::string> terms;  ///< the question's content terms
  std::vector<MemoryHit> hits;     ///< best first
  /// Fraction of `terms` found (FTS5 match, Porter-stemmed) in at least one hit, 0..1;
  /// 0 when there are no terms or no hits. This, not the raw BM25 value, is the
  /// retrieval strength: BM25 depends on corpus size and is ~0 for a term that occurs
  /// in most memories, so it says nothing absolute for a person with three memories.
  double coverage = 0;
};

/// Searches the user's memories for `question` (BM25 over title and text).
Retrieval retrieve_memories(MemoryRepository& memories, const std::string& user_id, const std::string& question,
                            const RetrievalOptions& options = {});

}  // namespace echoes::chat
