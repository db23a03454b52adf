#include "store/consent_repository.h"

namespace echoes::store {
namespace {

constexpr const char* kSelect =
    "SELECT id, user_id, statement, spoken_date, audio_path, sha256, size_bytes, match_score, voice_distance, "
    "signature_json, created_at FROM consents ";

ConsentRecord read_row(const Statement& st) {
  ConsentRecord c;
  c.id = st.column_text(0);
  c.user_id = st.column_text(1);
  c.statement = st.column_text(2);
  c.spoken_date = st.column_text(3);
  c.audio_path = st.column_text(4);
  c.sha256 = st.column_text(5);
  c.size_bytes = st.column_int64(6);
  c.match_score = st.column_double(7);
  c.voice_distance = st.column_optional_double(8);
  c.signature_json = st.column_text(9);
  c.created_at = st.column_double(10);
  return c;
}

}  // namespace

void ConsentRepository::insert(const ConsentRecord& c) {
  db_.connection()
      .prepare("INSERT INTO consents (id, user_id, statement, spoken_date, audio_path, sha256, size_bytes, "
               "match_score, voice_distance, signature_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(c.id, c.user_id, c.statement, c.spoken_date, c.audio_path, c.sha256, c.size_bytes, c.match_score,
                c.voice_distance, c.signature_json, c.created_at)
      .run();
}

std::optional<ConsentRecord> ConsentRepository::latest(const std::string& user_id) {
  auto st = db_.connection().prepare(std::string(kSelect) +
                                     "WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1");
  st.bind(1, user_id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<ConsentRecord> ConsentRepository::list(const std::string& user_id) {
  auto st = db_.connection().prepare(std::string(kSelect) + "WHERE user_id = ? ORDER BY created_at, rowid");
  st.bind(1, user_id);
  std::vector<ConsentRecord> rows;
  while (st.step()) rows.push_back(read_row(st));
  return rows;
}

int ConsentRepository::remove_all(const std::string& user_id) {
  auto& c = db_.connection();
  c.prepare("DELETE FROM consents WHERE user_id = ?").bind(1, user_id).run();
  return c.changes();
}

std::vector<std::string> ConsentRepository::all_audio_paths() {
  auto st = db_.connection().prepare("SELECT audio_path FROM consents ORDER BY rowid");
  std::vector<std::string> paths;
  while (st.step()) paths.push_back(st.column_text(0));
  return paths;
}

}  // namespace echoes::store
