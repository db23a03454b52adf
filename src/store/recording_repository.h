#pragma once
// Recordings table (rows only; files are handled by RecordingStore). Every
// function that touches one user's data takes that user's id and filters by
// it, so another user's recording is indistinguishable from a missing one.
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace echoes::store {

class RecordingRepository {
 public:
  explicit RecordingRepository(Database& db) : db_(db) {}

  /// Inserts the row as given (id and created_at included).
  void insert(const RecordingRecord& recording);
  std::optional<RecordingRecord> get(const std::string& user_id, const std::string& recording_id);
  /// The user's recordings, oldest first.
  std::vector<RecordingRecord> list(const std::string& user_id);
  /// The user's recordings of one passage, oldest first.
  std::vector<RecordingRecord> list_for_passage(const std::string& user_id, const std::string& passage_id);
  /// Replaces the analysis JSON; false when not found for this user.
  bool update_analysis(const std::string& user_id, const std::string& recording_id,
                       const std::string& analysis_json);
  /// Deletes the row; false when not found for this user.
  bool remove(const std::string& user_id, const std::string& recording_id);

  // System-wide functions for the start-up check (no user filter on purpose).
  /// Every recording row of every user.
  std::vector<RecordingRecord> list_all();
  void set_files_missing(const std::string& recording_id, bool missing);

 private:
  Database& db_;
};

}  // namespace echoes::store
