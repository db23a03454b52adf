#include "chat/retrieval.h"

#include "chat/query_terms.h"

namespace echoes::chat {

Retrieval retrieve_memories(MemoryRepository& memories, const std::string& user_id, const std::string& question,
                            const RetrievalOptions& options) {
  Retrieval retrieval;
  retrieval.terms = content_terms(question);
  retrieval.hits = memories.search(user_id, fts_any_query(retrieval.terms), options.max_memories);
  if (retrieval.hits.empty()) return retrieval;
  std::vector<std::string> ids;
  for (const auto& hit : retrieval.hits) ids.push_back(hit.memory.id);
  int covered = 0;
  for (const auto& term : retrieval.terms) covered += memories.any_matches(user_id, ids, fts_any_query({term})) ? 1 : 0;
  retrieval.coverage = static_cast<double>(covered) / static_cast<double>(retrieval.terms.size());
  return retrieval;
}

}  // namespace echoes::chat
