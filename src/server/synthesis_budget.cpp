#include "server/synthesis_budget.h"

namespace echoes::server {

SynthesisBudget::SynthesisBudget(store::Database& db, double requests_per_minute, double audio_s_per_minute)
    : requests_(db, "synthesis", per_minute(requests_per_minute)),
      audio_s_(db, "synthesis_audio_s", per_minute(audio_s_per_minute)) {}

void SynthesisBudget::admit(const std::string& user_id) {
  // Audio first, with no cost: a refusal for audio must not also spend a request.
  double retry_after_s = 0;
  if (!audio_s_.try_acquire(user_id, &retry_after_s, 0.0)) {
    refuse("You have made a lot of audio in a short time", retry_after_s);
  }
  enforce(requests_, user_id, "synthesis requests");
}

void SynthesisBudget::charge_audio(const std::string& user_id, double audio_s) {
  if (audio_s > 0) audio_s_.charge(user_id, audio_s);
}

}  // namespace echoes::server
