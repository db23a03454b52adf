#pragma once
// Syntheses served and the ratings people give them (migration 4). Per user, like every
// repository; the operator-wide summaries live in analytics.h.
#include <optional>
#include <string>

#include "store/database.h"

namespace echoes::store {

struct SynthesisRecord {
  std::string id;  // the X-Synthesis-Id given to the client
  std::string user_id;
  std::string voice_id;
  int text_chars = 0;  // length only: the text itself is never stored
  double audio_s = 0;
  std::optional<double> first_audio_s;
  bool streamed = false;
  double created_at = 0;
};

struct FeedbackRecord {
  std::string id;
  std::string user_id;
  std::string synthesis_id;
  int rating = 0;  // 1..5
  std::string comment;
  double created_at = 0;
};

class FeedbackRepository {
 public:
  explicit FeedbackRepository(Database& db) : db_(db) {}

  /// Records a synthesis (id chosen by the caller; created_at = now).
  void record_synthesis(const SynthesisRecord& synthesis);
  std::optional<SynthesisRecord> synthesis(const std::string& user_id, const std::string& synthesis_id);
  /// Saves (or replaces) the user's rating of one of their syntheses. Throws kNotFound
  /// when the synthesis is not theirs, kInvalidArgument for a rating outside 1..5.
  FeedbackRecord rate(const std::string& user_id, const std::string& synthesis_id, int rating,
                      const std::string& comment);

 private:
  Database& db_;
};

}  // namespace echoes::store
