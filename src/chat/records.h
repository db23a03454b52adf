#pragma once
// Rows of the AI Echo tables (migration 2, docs/chat.md). Ids are 32 hex chars;
// times are unix epoch seconds.
#include <optional>
#include <string>

namespace echoes::chat {

/// Who the echo is and how they speak. Empty fields mean "not said".
struct Persona {
  std::string user_id;
  std::string name;            ///< e.g. "Margaret"
  std::string speaking_style;  ///< e.g. "warm, short sentences, Yorkshire expressions"
  std::string audience;        ///< who they are talking to, e.g. "my grandchildren"
  double updated_at = 0;
};

namespace memory_source {
inline constexpr const char* kUser = "user";        ///< a story added through the API
inline constexpr const char* kPassage = "passage";  ///< the text of a passage the person recorded
}  // namespace memory_source

struct Memory {
  std::string id;
  std::string user_id;
  std::string title;
  std::string text;
  std::string source = memory_source::kUser;
  double created_at = 0;
};

/// A memory found by full-text search. `relevance` = -bm25 (higher = better; SQLite's
/// bm25() is negative, and near 0 when a term occurs in most memories).
struct MemoryHit {
  Memory memory;
  double relevance = 0;
};

struct Conversation {
  std::string id;
  std::string user_id;
  std::string title;  ///< the start of its first message
  double created_at = 0;
  double updated_at = 0;
};

namespace message_role {
inline constexpr const char* kUser = "user";            ///< the family member
inline constexpr const char* kAssistant = "assistant";  ///< the echo
}  // namespace message_role

struct Message {
  std::string id;
  std::string conversation_id;
  std::string user_id;
  std::string role;  ///< message_role::*
  std::string text;
  std::optional<double> confidence;   ///< echo replies only
  std::string sources_json = "[]";    ///< memories the reply drew on
  std::optional<int> fallback_level;  ///< echo replies only: 0 model, 1 memories, 2 no memory
  double created_at = 0;
};

}  // namespace echoes::chat
