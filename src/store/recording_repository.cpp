#include "store/recording_repository.h"

namespace echoes::store {
namespace {

constexpr const char* kSelect =
    "SELECT id, user_id, passage_id, original_filename, content_type, original_path, working_path, sha256, "
    "size_bytes, duration_s, analysis_json, files_missing, created_at FROM recordings ";

RecordingRecord read_row(const Statement& st) {
  RecordingRecord r;
  r.id = st.column_text(0);
  r.user_id = st.column_text(1);
  r.passage_id = st.column_text(2);
  r.original_filename = st.column_text(3);
  r.content_type = st.column_text(4);
  r.original_path = st.column_text(5);
  r.working_path = st.column_text(6);
  r.sha256 = st.column_text(7);
  r.size_bytes = st.column_int64(8);
  r.duration_s = st.column_double(9);
  r.analysis_json = st.column_text(10);
  r.files_missing = st.column_int64(11) != 0;
  r.created_at = st.column_double(12);
  return r;
}

std::vector<RecordingRecord> read_all(Statement& st) {
  std::vector<RecordingRecord> rows;
  while (st.step()) rows.push_back(read_row(st));
  return rows;
}

}  // namespace

void RecordingRepository::insert(const RecordingRecord& r) {
  db_.connection()
      .prepare(
          "INSERT INTO recordings (id, user_id, passage_id, original_filename, content_type, original_path, "
          "working_path, sha256, size_bytes, duration_s, analysis_json, files_missing, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(r.id, r.user_id, r.passage_id, r.original_filename, r.content_type, r.original_path,
                r.working_path, r.sha256, r.size_bytes, r.duration_s, r.analysis_json,
                static_cast<int>(r.files_missing), r.created_at)
      .run();
}

std::optional<RecordingRecord> RecordingRepository::get(const std::string& user_id,
                                                        const std::string& recording_id) {
  auto st = db_.connection().prepare(std::string(kSelect) + "WHERE user_id = ? AND id = ?");
  st.bind_all(user_id, recording_id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<RecordingRecord> RecordingRepository::list(const std::string& user_id) {
  auto st = db_.connection().prepare(std::string(kSelect) + "WHERE user_id = ? ORDER BY created_at, rowid");
  st.bind(1, user_id);
  return read_all(st);
}

std::vector<RecordingRecord> RecordingRepository::list_for_passage(const std::string& user_id,
                                                                   const std::string& passage_id) {
  auto st = db_.connection().prepare(std::string(kSelect) +
                                     "WHERE user_id = ? AND passage_id = ? ORDER BY created_at, rowid");
  st.bind_all(user_id, passage_id);
  return read_all(st);
}

bool RecordingRepository::update_analysis(const std::string& user_id, const std::string& recording_id,
                                          const std::string& analysis_json) {
  auto& c = db_.connection();
  c.prepare("UPDATE recordings SET analysis_json = ? WHERE user_id = ? AND id = ?")
      .bind_all(analysis_json, user_id, recording_id)
      .run();
  return c.changes() > 0;
}

bool RecordingRepository::remove(const std::string& user_id, const std::string& recording_id) {
  auto& c = db_.connection();
  c.prepare("DELETE FROM recordings WHERE user_id = ? AND id = ?").bind_all(user_id, recording_id).run();
  return c.changes() > 0;
}

std::vector<RecordingRecord> RecordingRepository::list_all() {
  auto st = db_.connection().prepare(std::string(kSelect) + "ORDER BY rowid");
  return read_all(st);
}

void RecordingRepository::set_files_missing(const std::string& recording_id, bool missing) {
  db_.connection()
      .prepare("UPDATE recordings SET files_missing = ? WHERE id = ?")
      .bind_all(static_cast<int>(missing), recording_id)
      .run();
}

}  // namespace echoes::store
