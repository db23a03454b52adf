#pragma once
// The memories table and its full-text index (SQLite: FTS5 with BM25 ranking;
// PostgreSQL: a tsvector column with ts_rank). Every function filters by user id: one
// user's memories never show up in another's search.
#include <optional>
#include <string>
#include <vector>

#include "chat/records.h"
#include "store/database.h"

namespace echoes::chat {

class MemoryRepository {
 public:
  explicit MemoryRepository(store::Database& db) : db_(db) {}

  /// Stores a memory with a new id. `source` is memory_source::*; throws
  /// kInvalidArgument for another source or an empty text.
  Memory add(const std::string& user_id, const std::string& title, const std::string& text,
             const std::string& source = memory_source::kUser);
  std::optional<Memory> get(const std::string& user_id, const std::string& memory_id);
  /// The user's memories, newest first.
  std::vector<Memory> list(const std::string& user_id);
  /// How many memories the user has.
  int count(const std::string& user_id);
  /// True when the user already has a memory with this source and title.
  bool exists(const std::string& user_id, const std::string& source, const std::string& title);
  /// Deletes one memory; false when not found for this user.
  bool remove(const std::string& user_id, const std::string& memory_id);

  /// Full-text search: memories matching the FTS5 `match_query` (as chat/query_terms.h
  /// builds it), best first (title weighted 2x text), at most `limit`. An empty query
  /// finds nothing.
  std::vector<MemoryHit> search(const std::string& user_id, const std::string& match_query, int limit);
  /// True when at least one of `memory_ids` (the user's) matches `match_query`.
  bool any_matches(const std::string& user_id, const std::vector<std::string>& memory_ids,
                   const std::string& match_query);

 private:
  store::Database& db_;
};

}  // namespace echoes::chat
