#include "store/known_device_repository.h"

namespace echoes::store {

void KnownDeviceRepository::remember(const std::string& token_hash, const std::string& user_id, double now_s,
                                     int keep_per_user) {
  auto& c = db_.connection();
  c.prepare(
       "INSERT INTO known_devices (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?) "
       "ON CONFLICT(token_hash) DO UPDATE SET last_seen_at = excluded.last_seen_at")
      .bind_all(token_hash, user_id, now_s, now_s)
      .run();
  c.prepare(
       "DELETE FROM known_devices WHERE user_id = ? AND token_hash NOT IN "
       "(SELECT token_hash FROM known_devices WHERE user_id = ? ORDER BY last_seen_at DESC LIMIT ?)")
      .bind_all(user_id, user_id, keep_per_user)
      .run();
}

std::optional<std::string> KnownDeviceRepository::owner(const std::string& token_hash, double seen_since_s) {
  auto st = db_.connection().prepare("SELECT user_id FROM known_devices WHERE token_hash = ? AND last_seen_at >= ?");
  st.bind_all(token_hash, seen_since_s);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

}  // namespace echoes::store
