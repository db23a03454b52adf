#include "store/audit_log.h"

#include "store/clock.h"
#include "store/ids.h"

namespace echoes::store {
namespace {

constexpr const char* kSelect = "SELECT id, user_id, action, target, detail_json, created_at FROM audit_events ";

std::vector<AuditEvent> read_all(Statement& st) {
  std::vector<AuditEvent> events;
  while (st.step()) {
    events.push_back(AuditEvent{st.column_text(0), st.column_optional_text(1), st.column_text(2),
                                st.column_text(3), st.column_text(4), st.column_double(5)});
  }
  return events;
}

}  // namespace

AuditEvent AuditLog::record(const std::optional<std::string>& user_id, const std::string& action,
                            const std::string& target, const std::string& detail_json) {
  AuditEvent event{new_id(), user_id, action, target, detail_json, unix_now_s()};
  db_.connection()
      .prepare("INSERT INTO audit_events (id, user_id, action, target, detail_json, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(event.id, event.user_id, event.action, event.target, event.detail_json, event.created_at)
      .run();
  return event;
}

std::vector<AuditEvent> AuditLog::list_for_user(const std::string& user_id, int limit) {
  auto st = db_.connection().prepare(std::string(kSelect) +
                                     "WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?");
  st.bind_all(user_id, limit);
  return read_all(st);
}

std::vector<AuditEvent> AuditLog::list_by_action(const std::string& action, int limit) {
  auto st = db_.connection().prepare(std::string(kSelect) +
                                     "WHERE action = ? ORDER BY created_at DESC, rowid DESC LIMIT ?");
  st.bind_all(action, limit);
  return read_all(st);
}

}  // namespace echoes::store
