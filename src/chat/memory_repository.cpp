#include "chat/memory_repository.h"

#include "common/error.h"
#include "store/clock.h"
#include "store/ids.h"

namespace echoes::chat {
namespace {

constexpr const char* kColumns = "m.id, m.user_id, m.title, m.text, m.source, m.created_at";

Memory read_memory(const store::Statement& st) {
  return Memory{st.column_text(0), st.column_text(1), st.column_text(2),
                st.column_text(3), st.column_text(4), st.column_double(5)};
}

// "score FROM ... WHERE <match>" over memories `m` for one bound query (parameter 1):
// the rows that match, scored higher-is-better. SQLite: FTS5 with BM25 (title weighted
// 2x text). PostgreSQL: the stored tsvector and ts_rank (title weight A = 2x B); the
// FTS5 query `"a" OR "b"` that chat/query_terms.h builds reads the same as a web search.
std::string ranked_matches(store::Dialect dialect) {
  if (dialect == store::Dialect::kPostgres) {
    return "ts_rank('{0.1, 0.2, 0.5, 1.0}', m.search, q) AS score FROM memories m, "
           "websearch_to_tsquery('english', ?) q WHERE m.search @@ q";
  }
  return "-bm25(memories_fts, 2.0, 1.0) AS score FROM memories_fts JOIN memories m ON m.seq = memories_fts.rowid "
         "WHERE memories_fts MATCH ?";
}

}  // namespace

Memory MemoryRepository::add(const std::string& user_id, const std::string& title, const std::string& text,
                             const std::string& source) {
  if (source != memory_source::kUser && source != memory_source::kPassage) {
    throw Error(error_code::kInvalidArgument, "A memory's source is 'user' or 'passage'.");
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(error_code::kInvalidArgument, "A memory needs some text.");
  }
  Memory memory{store::new_id(), user_id, title, text, source, store::unix_now_s()};
  db_.connection()
      .prepare("INSERT INTO memories (id, user_id, title, text, source, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(memory.id, memory.user_id, memory.title, memory.text, memory.source, memory.created_at)
      .run();
  return memory;
}

std::optional<Memory> MemoryRepository::get(const std::string& user_id, const std::string& memory_id) {
  auto st = db_.connection().prepare(std::string("SELECT ") + kColumns +
                                     " FROM memories m WHERE m.user_id = ? AND m.id = ?");
  st.bind_all(user_id, memory_id);
  if (!st.step()) return std::nullopt;
  return read_memory(st);
}

std::vector<Memory> MemoryRepository::list(const std::string& user_id) {
  auto st = db_.connection().prepare(std::string("SELECT ") + kColumns +
                                     " FROM memories m WHERE m.user_id = ? ORDER BY m.created_at DESC, m.seq DESC");
  st.bind(1, user_id);
  std::vector<Memory> memories;
  while (st.step()) memories.push_back(read_memory(st));
  return memories;
}

int MemoryRepository::count(const std::string& user_id) {
  auto st = db_.connection().prepare("SELECT count(*) FROM memories WHERE user_id = ?");
  st.bind(1, user_id);
  st.step();
  return static_cast<int>(st.column_int64(0));
}

bool MemoryRepository::exists(const std::string& user_id, const std::string& source, const std::string& title) {
  auto st = db_.connection().prepare("SELECT 1 FROM memories WHERE user_id = ? AND source = ? AND title = ?");
  st.bind_all(user_id, source, title);
  return st.step();
}

bool MemoryRepository::remove(const std::string& user_id, const std::string& memory_id) {
  auto& c = db_.connection();
  c.prepare("DELETE FROM memories WHERE user_id = ? AND id = ?").bind_all(user_id, memory_id).run();
  return c.changes() > 0;
}

std::vector<MemoryHit> MemoryRepository::search(const std::string& user_id, const std::string& match_query,
                                                int limit) {
  std::vector<MemoryHit> hits;
  if (match_query.empty() || limit <= 0) return hits;
  auto& c = db_.connection();
  auto st = c.prepare(std::string("SELECT ") + kColumns + ", " + ranked_matches(c.dialect()) +
                      " AND m.user_id = ? ORDER BY score DESC, m.seq LIMIT ?");
  st.bind_all(match_query, user_id, limit);
  while (st.step()) hits.push_back(MemoryHit{read_memory(st), st.column_double(6)});
  return hits;
}

bool MemoryRepository::any_matches(const std::string& user_id, const std::vector<std::string>& memory_ids,
                                   const std::string& match_query) {
  if (memory_ids.empty() || match_query.empty()) return false;
  std::string placeholders;
  for (std::size_t i = 0; i < memory_ids.size(); ++i) placeholders += i ? ", ?" : "?";
  auto& c = db_.connection();
  auto st = c.prepare(std::string("SELECT 1, ") + ranked_matches(c.dialect()) + " AND m.user_id = ? AND m.id IN (" +
                      placeholders + ") LIMIT 1");
  st.bind(1, match_query);
  st.bind(2, user_id);
  for (std::size_t i = 0; i < memory_ids.size(); ++i) st.bind(static_cast<int>(i) + 3, memory_ids[i]);
  return st.step();
}

}  // namespace echoes::chat
