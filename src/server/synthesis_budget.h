#pragma once
// One synthesis budget per user, shared by every route that produces audio
// (/api/voice/synthesize, /v1/audio/speech, the AI Echo's spoken replies): a number of
// requests and a number of seconds of audio per minute. A clip's length is known only
// once it is made, so audio is charged after the fact; a user whose audio seconds are
// spent (or overdrawn by a long clip) is refused until the budget has refilled.
#include <string>

#include "server/rate_limiter.h"

namespace echoes::server {

class SynthesisBudget {
 public:
  /// Budgets kept in `db` (shared by every node on it).
  SynthesisBudget(store::Database& db, double requests_per_minute, double audio_s_per_minute);

  /// Admits one request that will produce audio for `user_id`; throws RateLimited (429,
  /// with the seconds to wait) when the user's requests or audio seconds are used up.
  void admit(const std::string& user_id);

  /// Counts `audio_s` seconds of audio made for `user_id`.
  void charge_audio(const std::string& user_id, double audio_s);

 private:
  RateLimiter requests_;
  RateLimiter audio_s_;
};

}  // namespace echoes::server
