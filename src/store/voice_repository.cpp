#include "store/voice_repository.h"

#include "store/clock.h"
#include "store/ids.h"

namespace echoes::store {
namespace {

constexpr const char* kSelect =
    "SELECT id, user_id, status, path, quality_json, created_at, updated_at FROM voices ";

Voice read_row(const Statement& st) {
  return Voice{st.column_text(0),   st.column_text(1),   st.column_text(2),  st.column_optional_text(3),
               st.column_text(4),   st.column_double(5), st.column_double(6)};
}

}  // namespace

Voice VoiceRepository::create(const std::string& user_id, const std::string& status) {
  const double now_s = unix_now_s();
  Voice voice{new_id(), user_id, status, std::nullopt, "{}", now_s, now_s};
  db_.connection()
      .prepare("INSERT INTO voices (id, user_id, status, path, quality_json, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind_all(voice.id, voice.user_id, voice.status, voice.path, voice.quality_json, voice.created_at,
                voice.updated_at)
      .run();
  return voice;
}

std::optional<Voice> VoiceRepository::get(const std::string& user_id, const std::string& voice_id) {
  auto st = db_.connection().prepare(std::string(kSelect) + "WHERE user_id = ? AND id = ?");
  st.bind_all(user_id, voice_id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<Voice> VoiceRepository::list(const std::string& user_id) {
  auto st = db_.connection().prepare(std::string(kSelect) + "WHERE user_id = ? ORDER BY created_at, rowid");
  st.bind(1, user_id);
  std::vector<Voice> voices;
  while (st.step()) voices.push_back(read_row(st));
  return voices;
}

bool VoiceRepository::update(const std::string& user_id, const std::string& voice_id, const std::string& status,
                             const std::optional<std::string>& path, const std::string& quality_json) {
  auto& c = db_.connection();
  c.prepare("UPDATE voices SET status = ?, path = ?, quality_json = ?, updated_at = ? WHERE user_id = ? AND id = ?")
      .bind_all(status, path, quality_json, unix_now_s(), user_id, voice_id)
      .run();
  return c.changes() > 0;
}

std::vector<Voice> VoiceRepository::list_all_with_status(const std::string& status) {
  auto st = db_.connection().prepare(std::string(kSelect) + "WHERE status = ? ORDER BY created_at, rowid");
  st.bind(1, status);
  std::vector<Voice> voices;
  while (st.step()) voices.push_back(read_row(st));
  return voices;
}

bool VoiceRepository::remove(const std::string& user_id, const std::string& voice_id) {
  auto& c = db_.connection();
  c.prepare("DELETE FROM voices WHERE user_id = ? AND id = ?").bind_all(user_id, voice_id).run();
  return c.changes() > 0;
}

}  // namespace echoes::store
