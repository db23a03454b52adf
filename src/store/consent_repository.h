#pragma once
// Consents table: one row per accepted spoken consent statement (docs/consent.md).
// Every user-facing function takes the owner's id and filters by it.
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace echoes::store {

struct ConsentRecord {
  std::string id;
  std::string user_id;
  std::string statement;      // the exact text the person was asked to read
  std::string spoken_date;    // ISO date the statement names, e.g. "2026-11-25"
  std::string audio_path;     // the consent recording as uploaded, relative to the data dir
  std::string sha256;         // hex sha256 of the uploaded bytes
  std::int64_t size_bytes = 0;
  double match_score = 0;     // align::Alignment::match_score, nats per frame
  std::optional<double> voice_distance;  // to the recordings' median signature; none without recordings
  std::string signature_json = "{}";     // quality::VoiceSignature of the consent audio
  double created_at = 0;
};

class ConsentRepository {
 public:
  explicit ConsentRepository(Database& db) : db_(db) {}

  /// Inserts the row as given (id and created_at included). Joins an open transaction.
  void insert(const ConsentRecord& consent);
  /// The user's newest consent; nullopt when there is none.
  std::optional<ConsentRecord> latest(const std::string& user_id);
  /// The user's consents, oldest first.
  std::vector<ConsentRecord> list(const std::string& user_id);
  /// Deletes all of the user's rows; returns how many.
  int remove_all(const std::string& user_id);

  /// Every consent audio path of every user (for the start-up cleanup; no user filter on purpose).
  std::vector<std::string> all_audio_paths();

 private:
  Database& db_;
};

}  // namespace echoes::store
