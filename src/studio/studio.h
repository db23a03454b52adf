#pragma once
// The recording workflow behind the API and the web studio, free of HTTP:
//   upload bytes -> decode (caps) -> analyse -> read-along check (which sentences were
//   read; studio/read_along.h) -> prosody + voice signature
//   -> store original + 22,050 Hz working copy -> assess the whole set
//   -> queue voice training the first time the Recommended tier is reached (with consent
//      when the deployment requires it: studio/consent.h).
// Every call takes the signed-in user's id and only ever touches that user's data.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audio/audio.h"
#include "quality/analysis.h"
#include "quality/set_assessment.h"
#include "store/database.h"
#include "store/file_store.h"
#include "store/records.h"
#include "studio/read_along.h"

namespace echoes::studio {

/// Job kind of a voice build.
inline constexpr const char* kTrainVoiceJob = "train_voice";

struct StudioOptions {
  std::size_t max_upload_bytes = 50'000'000;  // per recording, bytes
  double max_recording_s = 600.0;             // per recording, seconds
  std::size_t storage_quota_bytes = 1'000'000'000;  // original uploads kept per user
  /// Voice building needs the spoken consent statement (studio/consent.h); config require_consent.
  bool require_consent = true;
  /// Check every take against its text (studio/read_along.h); config verify_reading.
  /// Off only for test rigs whose audio cannot read the passages.
  bool verify_reading = true;
  int aligners = 2;  ///< aligners kept for concurrent uploads (each ~40 MB)
};

struct UploadRequest {
  std::string passage_id;    // a text::Passage id
  std::string filename;      // as sent by the client (display only)
  std::string content_type;  // as sent by the client
  std::string bytes;         // the file, kept byte for byte
  /// What was actually read when it differs from the passage text (optional; e.g. a
  /// person who skipped a line, or recordings of other texts). Used for alignment.
  std::string transcript;
};

/// Longest transcript accepted with an upload, in characters (UTF-8 code points).
inline constexpr std::size_t kMaxTranscriptChars = 5000;

struct UploadResult {
  bool accepted = false;                     // false: no speech found, nothing stored
  quality::RecordingAnalysis analysis;
  ReadAlongCheck read_along;                 // which sentences were read
  std::optional<store::RecordingRecord> recording;
  quality::SetAssessment set;                // after this upload
  std::optional<store::Job> training_job;    // queued by this upload
};

/// What GET /api/voice/status reports.
struct VoiceStatus {
  bool has_recordings = false;
  bool recordings_complete = false;     // the Recommended tier is reached
  std::string training_status = "not_started";  // not_started|queued|running|done|failed|cancelled
  std::optional<store::Job> latest_training_job;
  bool model_ready = false;
  std::string voice_quality_json;       // the ready voice's build report + self-assessment

  double quality_score = 0.0;           // set quality score, 0..100
  double estimated_training_time_s = 0.0;
  quality::SetAssessment set;
  bool consent_required = true;        // this deployment gates voice building on consent
  bool consent_given = false;          // an accepted consent matches the current recordings
  std::string consent_state = "none";  // none|accepted|voice_mismatch (ConsentState::state)
};

class AlignerPool;

class Studio {
 public:
  /// Recordings go to `audio` (the data dir's `files`, or object_store_url's store); voices
  /// are folders under `files`.
  Studio(store::Database& db, store::FileStore& files, const store::ObjectStore& audio, StudioOptions options = {});
  ~Studio();

  /// Runs the whole upload pipeline. Throws echoes::Error for unknown passages and
  /// undecodable/over-cap audio (nothing stored); returns accepted=false when the
  /// audio has no speech (nothing stored).
  UploadResult upload(const std::string& user_id, const UploadRequest& request);

  std::vector<store::RecordingRecord> list(const std::string& user_id);
  std::optional<store::RecordingRecord> get(const std::string& user_id, const std::string& recording_id);
  /// The original upload's bytes; throws kNotFound for another user's or an unknown id.
  std::string original_bytes(const std::string& user_id, const std::string& recording_id);
  /// Deletes the recording and its files; false when the user has no such recording.
  bool remove(const std::string& user_id, const std::string& recording_id);

  quality::SetAssessment assess(const std::string& user_id);
  /// estimate_training_time_s over the user's recorded seconds (no set assessment).
  double estimated_training_time_s(const std::string& user_id);

  /// The user's newest voice that finished building, with its folder resolved; nullopt
  /// while none is ready.
  struct ReadyVoice {
    store::Voice voice;
    std::filesystem::path dir;
  };
  std::optional<ReadyVoice> ready_voice(const std::string& user_id);

  /// Queues a voice build over the user's recordings. Throws kConflict while a build is
  /// queued or running, kInvalidArgument before the Minimum tier is reached, kForbidden
  /// without an accepted consent (when consent is required).
  store::Job start_training(const std::string& user_id);
  /// After a consent was accepted: queues the first build if the Recommended tier was
  /// already reached and no build was ever queued; nullopt otherwise.
  std::optional<store::Job> queue_training_after_consent(const std::string& user_id);
  /// One of the user's training jobs; nullopt for unknown ids or other users' jobs.
  std::optional<store::Job> training_job(const std::string& user_id, const std::string& job_id);
  VoiceStatus status(const std::string& user_id);

 private:
  std::optional<store::Job> queue_training_if_first(const std::string& user_id,
                                                     const quality::SetAssessment& set);
  /// Throws kForbidden unless consent is given or not required.
  void require_consent(const std::string& user_id);
  /// The read-along check of a take against `text` (checked = false when disabled or
  /// when the aligner cannot judge the audio).
  ReadAlongCheck check_reading(const audio::Audio& audio, const std::string& text);

  store::Database& db_;
  store::FileStore& files_;
  const store::ObjectStore& audio_;
  StudioOptions options_;
  std::unique_ptr<AlignerPool> aligners_;
};

/// Seconds a voice build is expected to take for `total_audio_s` of recordings
/// (the documented estimate shown before the engine has measured itself).
double estimate_training_time_s(double total_audio_s);

}  // namespace echoes::studio
