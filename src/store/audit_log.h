#pragma once
// Append-only audit trail of security-relevant actions. Details are JSON and
// must never contain passwords, tokens or file paths.
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace echoes::store {

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}

  /// Appends an event. `user_id` is nullopt for anonymous actions; action is a
  /// dotted name such as "auth.login"; detail_json must be valid JSON.
  /// Joins the caller's transaction when one is open on this thread.
  AuditEvent record(const std::optional<std::string>& user_id, const std::string& action,
                    const std::string& target = "", const std::string& detail_json = "{}");
  /// A user's events, newest first, at most `limit`.
  std::vector<AuditEvent> list_for_user(const std::string& user_id, int limit = 100);
  /// Events with this action, newest first, at most `limit` (for operators).
  std::vector<AuditEvent> list_by_action(const std::string& action, int limit = 100);

 private:
  Database& db_;
};

}  // namespace echoes::store
