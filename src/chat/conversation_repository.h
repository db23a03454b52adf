#pragma once
// The conversations and messages tables. Every function filters by user id.
#include <optional>
#include <string>
#include <vector>

#include "chat/records.h"
#include "store/database.h"

namespace echoes::chat {

class ConversationRepository {
 public:
  explicit ConversationRepository(store::Database& db) : db_(db) {}

  /// Starts a conversation with a new id.
  Conversation create(const std::string& user_id, const std::string& title);
  std::optional<Conversation> get(const std::string& user_id, const std::string& conversation_id);
  /// The user's conversations, most recently active first.
  std::vector<Conversation> list(const std::string& user_id);
  /// Deletes a conversation and its messages; false when not found for this user.
  bool remove(const std::string& user_id, const std::string& conversation_id);

  /// Appends a message (new id, created_at = now) and marks the conversation active.
  /// `message.conversation_id` must be one of the user's conversations (kNotFound otherwise).
  Message add_message(Message message);
  /// The conversation's messages, oldest first; at most the last `limit` (0 = all).
  std::vector<Message> messages(const std::string& user_id, const std::string& conversation_id, int limit = 0);

 private:
  store::Database& db_;
};

}  // namespace echoes::chat
