#pragma once
// Sessions table: one row per issued bearer token, keyed by sha256(token).
#include <optional>
#include <string>

#include "store/database.h"
#include "store/records.h"

namespace echoes::store {

class SessionRepository {
 public:
  explicit SessionRepository(Database& db) : db_(db) {}

  void create(const SessionRecord& session);
  std::optional<SessionRecord> find(const std::string& token_hash);
  /// Marks the session revoked at `now_s`; false when unknown or already revoked.
  bool revoke(const std::string& token_hash, double now_s);
  /// Revokes every live session of a user; returns how many.
  int revoke_all_for_user(const std::string& user_id, double now_s);
  /// Deletes sessions that expired or were revoked at or before `before_s`; returns how many.
  int purge(double before_s);

 private:
  Database& db_;
};

}  // namespace echoes::store
