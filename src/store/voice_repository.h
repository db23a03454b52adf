#pragma once
// Voices table. Every function takes the owner's id and filters by it.
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace echoes::store {

class VoiceRepository {
 public:
  explicit VoiceRepository(Database& db) : db_(db) {}

  /// Inserts a voice with a new id and the given status.
  Voice create(const std::string& user_id, const std::string& status);
  std::optional<Voice> get(const std::string& user_id, const std::string& voice_id);
  /// The user's voices, oldest first.
  std::vector<Voice> list(const std::string& user_id);
  /// Sets status, path and quality JSON and bumps updated_at; false when not found for this user.
  bool update(const std::string& user_id, const std::string& voice_id, const std::string& status,
              const std::optional<std::string>& path, const std::string& quality_json);
  /// Deletes the row; false when not found for this user.
  bool remove(const std::string& user_id, const std::string& voice_id);

  // System-wide, for the start-up repair (no user filter on purpose).
  /// Every user's voices with this status, oldest first.
  std::vector<Voice> list_all_with_status(const std::string& status);

 private:
  Database& db_;
};

}  // namespace echoes::store
