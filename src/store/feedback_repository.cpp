#include "store/feedback_repository.h"

#include "common/error.h"
#include "store/clock.h"
#include "store/ids.h"

namespace echoes::store {

void FeedbackRepository::record_synthesis(const SynthesisRecord& s) {
  auto statement = db_.connection().prepare(
      "INSERT INTO syntheses (id, user_id, voice_id, text_chars, audio_s, first_audio_s, streamed, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  statement.bind_all(s.id, s.user_id, s.voice_id, s.text_chars, s.audio_s, s.first_audio_s, s.streamed ? 1 : 0,
                     unix_now_s());
  statement.run();
}

std::optional<SynthesisRecord> FeedbackRepository::synthesis(const std::string& user_id,
                                                             const std::string& synthesis_id) {
  auto statement = db_.connection().prepare(
      "SELECT id, user_id, voice_id, text_chars, audio_s, first_audio_s, streamed, created_at "
      "FROM syntheses WHERE user_id = ? AND id = ?");
  statement.bind_all(user_id, synthesis_id);
  if (!statement.step()) return std::nullopt;
  SynthesisRecord s;
  s.id = statement.column_text(0);
  s.user_id = statement.column_text(1);
  s.voice_id = statement.column_text(2);
  s.text_chars = static_cast<int>(statement.column_int64(3));
  s.audio_s = statement.column_double(4);
  if (!statement.is_null(5)) s.first_audio_s = statement.column_double(5);
  s.streamed = statement.column_int64(6) != 0;
  s.created_at = statement.column_double(7);
  return s;
}

FeedbackRecord FeedbackRepository::rate(const std::string& user_id, const std::string& synthesis_id, int rating,
                                        const std::string& comment) {
  if (rating < 1 || rating > 5) throw Error(error_code::kInvalidArgument, "The rating must be 1 to 5.");
  if (!synthesis(user_id, synthesis_id)) {
    throw Error(error_code::kNotFound, "That clip does not exist, or it is not yours to rate.");
  }
  FeedbackRecord feedback{new_id(), user_id, synthesis_id, rating, comment, unix_now_s()};
  auto statement = db_.connection().prepare(
      "INSERT INTO feedback (id, user_id, synthesis_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (user_id, synthesis_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, "
      "created_at = excluded.created_at");
  statement.bind_all(feedback.id, feedback.user_id, feedback.synthesis_id, feedback.rating, feedback.comment,
                     feedback.created_at);
  statement.run();
  return feedback;
}

}  // namespace echoes::store
