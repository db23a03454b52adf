#include "chat/conversation_repository.h"

#include <cstdint>
#include <limits>

#include "common/error.h"
#include "store/clock.h"
#include "store/ids.h"

namespace echoes::chat {
namespace {

constexpr const char* kConversationColumns = "SELECT id, user_id, title, created_at, updated_at FROM conversations ";
constexpr const char* kMessageColumns =
    "id, conversation_id, user_id, role, text, confidence, sources_json, fallback_level, created_at";

Conversation read_conversation(const store::Statement& st) {
  return Conversation{st.column_text(0), st.column_text(1), st.column_text(2), st.column_double(3),
                      st.column_double(4)};
}

Message read_message(const store::Statement& st) {
  Message m{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
            st.column_optional_double(5), st.column_text(6), std::nullopt, st.column_double(8)};
  if (!st.is_null(7)) m.fallback_level = static_cast<int>(st.column_int64(7));
  return m;
}

}  // namespace

Conversation ConversationRepository::create(const std::string& user_id, const std::string& title) {
  const double now_s = store::unix_now_s();
  Conversation conversation{store::new_id(), user_id, title, now_s, now_s};
  db_.connection()
      .prepare("INSERT INTO conversations (id, user_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
      .bind_all(conversation.id, user_id, title, now_s, now_s)
      .run();
  return conversation;
}

std::optional<Conversation> ConversationRepository::get(const std::string& user_id,
                                                        const std::string& conversation_id) {
  auto st = db_.connection().prepare(std::string(kConversationColumns) + "WHERE user_id = ? AND id = ?");
  st.bind_all(user_id, conversation_id);
  if (!st.step()) return std::nullopt;
  return read_conversation(st);
}

std::vector<Conversation> ConversationRepository::list(const std::string& user_id) {
  auto st = db_.connection().prepare(std::string(kConversationColumns) +
                                     "WHERE user_id = ? ORDER BY updated_at DESC, rowid DESC");
  st.bind(1, user_id);
  std::vector<Conversation> list;
  while (st.step()) list.push_back(read_conversation(st));
  return list;
}

bool ConversationRepository::remove(const std::string& user_id, const std::string& conversation_id) {
  auto& c = db_.connection();
  c.prepare("DELETE FROM conversations WHERE user_id = ? AND id = ?").bind_all(user_id, conversation_id).run();
  return c.changes() > 0;
}

Message ConversationRepository::add_message(Message message) {
  auto& c = db_.connection();
  store::Transaction transaction(c);
  message.id = store::new_id();
  message.created_at = store::unix_now_s();
  c.prepare("UPDATE conversations SET updated_at = ? WHERE user_id = ? AND id = ?")
      .bind_all(message.created_at, message.user_id, message.conversation_id)
      .run();
  if (c.changes() == 0) throw Error(error_code::kNotFound, "There is no such conversation.");
  c.prepare(std::string("INSERT INTO messages (") + kMessageColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(message.id, message.conversation_id, message.user_id, message.role, message.text,
                message.confidence, message.sources_json, message.fallback_level, message.created_at)
      .run();
  transaction.commit();
  return message;
}

std::vector<Message> ConversationRepository::messages(const std::string& user_id, const std::string& conversation_id,
                                                      int limit) {
  // Newest `limit` first, then reversed, so the window is the end of the conversation.
  auto st = db_.connection().prepare(std::string("SELECT ") + kMessageColumns +
                                     " FROM messages WHERE user_id = ? AND conversation_id = ? "
                                     "ORDER BY created_at DESC, rowid DESC LIMIT ?");
  st.bind_all(user_id, conversation_id, limit > 0 ? std::int64_t{limit} : std::numeric_limits<std::int64_t>::max());
  std::vector<Message> list;
  while (st.step()) list.push_back(read_message(st));
  return {list.rbegin(), list.rend()};
}

}  // namespace echoes::chat
