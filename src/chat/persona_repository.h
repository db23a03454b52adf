#pragma once
// The personas table: one persona per user. Every function filters by user id.
#include <optional>
#include <string>

#include "chat/records.h"
#include "store/database.h"

namespace echoes::chat {

class PersonaRepository {
 public:
  explicit PersonaRepository(store::Database& db) : db_(db) {}

  /// The user's persona, or nullopt when none was saved.
  std::optional<Persona> get(const std::string& user_id);
  /// Creates or replaces the user's persona (updated_at = now); returns what was stored.
  Persona put(const std::string& user_id, const std::string& name, const std::string& speaking_style,
              const std::string& audience);

 private:
  store::Database& db_;
};

}  // namespace echoes::chat
