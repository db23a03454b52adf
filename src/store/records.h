#pragma once
// Plain rows of the Echoes database (see docs/data-model.md). Ids are 32 hex
// chars; times are unix epoch seconds; *_json fields hold JSON text.
#include <cstdint>
#include <optional>
#include <string>

namespace echoes::store {

struct User {
  std::string id;
  std::string email;  // normalized (trimmed, lowercase)
  std::string name;
  std::string role;   // "user" or "admin"
  double created_at = 0;
};

struct SessionRecord {
  std::string token_hash;  // hex sha256 of the bearer token; the token itself is never stored
  std::string user_id;
  double created_at = 0;
  double expires_at = 0;
  std::optional<double> revoked_at;
};

struct RecordingRecord {
  std::string id;
  std::string user_id;
  std::string passage_id;
  std::string original_filename;  // sanitized, for display only
  std::string content_type;       // as uploaded, e.g. "audio/wav"
  std::string original_path;      // relative to the data dir
  std::string working_path;       // 22,050 Hz WAV, relative to the data dir
  std::string sha256;             // hex sha256 of the original bytes
  std::int64_t size_bytes = 0;    // size of the original bytes
  double duration_s = 0;
  std::string analysis_json = "{}";
  bool files_missing = false;     // set by the start-up check when a file vanished
  double created_at = 0;
};

struct Voice {
  std::string id;
  std::string user_id;
  std::string status;               // e.g. "building", "ready", "failed" (owned by the voice subsystem)
  std::optional<std::string> path;  // relative to the data dir, once built
  std::string quality_json = "{}";
  double created_at = 0;
  double updated_at = 0;
};

namespace job_state {
inline constexpr const char* kQueued = "queued";
inline constexpr const char* kRunning = "running";
inline constexpr const char* kDone = "done";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kCancelled = "cancelled";
}  // namespace job_state

struct Job {
  std::string id;
  std::string user_id;
  std::string kind;   // e.g. "train_voice"
  std::string state;  // one of job_state::*
  double progress = 0;  // 0..1
  std::string message;
  std::string payload_json = "{}";
  std::optional<std::string> result_json;
  double created_at = 0;
  std::optional<double> started_at;
  std::optional<double> finished_at;
  int attempts = 0;  // times the job was claimed by a worker
};

struct AuditEvent {
  std::string id;
  std::optional<std::string> user_id;  // absent for anonymous events (e.g. failed login of an unknown email)
  std::string action;                  // dotted name, e.g. "auth.login"
  std::string target;                  // what it acted on, e.g. a recording id
  std::string detail_json = "{}";      // never passwords or tokens
  double created_at = 0;
};

}  // namespace echoes::store
