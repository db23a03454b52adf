#pragma once
// Spoken consent to voice building (docs/consent.md), free of HTTP:
//   upload bytes -> decode (caps) -> forced alignment to today's statement (must match)
//   -> speaker consistency with the person's recordings -> keep the audio + a consents row
//   + audit event "consent.recorded" (refusals: "consent.refused", nothing kept).
// Every call takes the signed-in user and only ever touches that user's data.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "store/consent_repository.h"
#include "store/database.h"
#include "store/object_store.h"
#include "store/records.h"
#include "studio/consent_text.h"
#include "studio/consent_voice.h"

namespace echoes::studio {

struct ConsentOptions {
  std::size_t max_upload_bytes = 50'000'000;  ///< per consent recording, bytes
  double max_recording_s = 600.0;             ///< per consent recording, seconds
  double max_voice_distance = kMaxConsentVoiceDistance;  ///< see consent_voice.h
  int aligners = 2;  ///< aligners kept for concurrent uploads (each ~40 MB, ~0.1 s to load)
};

/// What the person is asked to read today.
struct ConsentPrompt {
  std::string statement;  ///< consent_statement(name, date)
  CalendarDate date;      ///< today (UTC)
};

/// Whether the user's consent currently allows building their voice.
struct ConsentState {
  /// "none": no consent recorded; "accepted": recorded and its voice matches the current
  /// recordings (or there are none to compare yet); "voice_mismatch": recorded, but the
  /// recordings made since sound like another voice.
  std::string state = "none";
  std::optional<store::ConsentRecord> consent;  ///< the newest consent
  std::optional<double> voice_distance;          ///< to the current recordings, when comparable
  bool given() const { return state == "accepted"; }
};

/// The user's consent state, re-checking the stored consent signature against the user's
/// current recordings (they may have been made after the consent).
ConsentState consent_state(store::Database& db, const std::string& user_id,
                           double max_voice_distance = kMaxConsentVoiceDistance);

struct ConsentUpload {
  std::string bytes;         ///< the recording, kept byte for byte
  std::string filename;      ///< as sent (only its extension is used)
  std::string content_type;  ///< as sent
  /// ISO date of the statement that was read (from the prompt); empty = today. Today and
  /// yesterday (UTC) are accepted, so a reading that straddles midnight still counts.
  std::string date_iso;
};

/// What a successful consent upload measured.
struct ConsentResult {
  store::ConsentRecord consent;
  double match_score = 0.0;                 ///< align::Alignment::match_score, nats per frame
  std::optional<double> voice_distance;     ///< nullopt without recordings to compare
};

class AlignerPool;

class ConsentService {
 public:
  /// Statements' audio goes to `audio`, next to the recordings (store/recording_store.h).
  ConsentService(store::Database& db, const store::ObjectStore& audio, ConsentOptions options = {});
  ~ConsentService();

  /// Today's statement for `user` at `now_s` (unix seconds).
  ConsentPrompt prompt(const store::User& user, double now_s) const;

  /// Checks and stores a spoken consent. Throws echoes::Error:
  ///  - consent_mismatch: the statement was not heard, or the voice differs from the
  ///    user's recordings (audited as "consent.refused");
  ///  - invalid_argument: a date other than today or yesterday;
  ///  - the decoder's and aligner's codes for bad audio (invalid_audio, too_large, no_speech, ...).
  ConsentResult record(const store::User& user, const ConsentUpload& upload, double now_s);

  ConsentState state(const std::string& user_id);

 private:
  store::Database& db_;
  const store::ObjectStore& audio_;
  ConsentOptions options_;
  std::unique_ptr<AlignerPool> aligners_;
};

/// Message of the consent_mismatch refusal when the statement was not heard.
inline constexpr const char* kStatementNotHeardMessage =
    "We could not hear the consent statement in this recording. Please read it exactly as shown.";
/// Message of the consent_mismatch refusal when the voice differs from the recordings.
inline constexpr const char* kDifferentVoiceMessage = "This voice does not sound like your other recordings.";

}  // namespace echoes::studio
