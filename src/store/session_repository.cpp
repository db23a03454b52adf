#include "store/session_repository.h"

namespace echoes::store {

void SessionRepository::create(const SessionRecord& s) {
  db_.connection()
      .prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?)")
      .bind_all(s.token_hash, s.user_id, s.created_at, s.expires_at, s.revoked_at)
      .run();
}

std::optional<SessionRecord> SessionRepository::find(const std::string& token_hash) {
  auto st = db_.connection().prepare(
      "SELECT token_hash, user_id, created_at, expires_at, revoked_at FROM sessions WHERE token_hash = ?");
  st.bind(1, token_hash);
  if (!st.step()) return std::nullopt;
  return SessionRecord{st.column_text(0), st.column_text(1), st.column_double(2), st.column_double(3),
                       st.column_optional_double(4)};
}

bool SessionRepository::revoke(const std::string& token_hash, double now_s) {
  auto& c = db_.connection();
  c.prepare("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
      .bind_all(now_s, token_hash)
      .run();
  return c.changes() > 0;
}

int SessionRepository::revoke_all_for_user(const std::string& user_id, double now_s) {
  auto& c = db_.connection();
  c.prepare("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
      .bind_all(now_s, user_id)
      .run();
  return c.changes();
}

int SessionRepository::purge(double before_s) {
  auto& c = db_.connection();
  c.prepare("DELETE FROM sessions WHERE expires_at <= ? OR revoked_at <= ?").bind_all(before_s, before_s).run();
  return c.changes();
}

}  // namespace echoes::store
