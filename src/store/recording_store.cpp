#include "store/recording_store.h"

#include <nlohmann/json.hpp>
#include "common/log.h"

#include "common/error.h"
#include "store/audit_log.h"
#include "store/clock.h"
#include "store/ids.h"
#include "store/recording_repository.h"
#include "store/sanitize_filename.h"

namespace echoes::store {
namespace {

constexpr size_t kMaxPassageIdBytes = 200;
constexpr size_t kMaxContentTypeBytes = 100;

void validate(const std::string& user_id, const RecordingInput& input) {
  if (!is_valid_id(user_id)) throw Error(error_code::kNotFound, "The account was not found.");
  if (input.original_bytes.empty() || input.working_wav_bytes.empty()) {
    throw Error(error_code::kEmptyAudio, "The recording is empty.");
  }
  if (input.passage_id.empty() || input.passage_id.size() > kMaxPassageIdBytes) {
    throw Error(error_code::kInvalidArgument, "The passage is missing or its name is too long.");
  }
  if (input.content_type.size() > kMaxContentTypeBytes) {
    throw Error(error_code::kInvalidArgument, "The content type is too long.");
  }
  if (!(input.duration_s >= 0)) throw Error(error_code::kInvalidArgument, "The duration is not valid.");
}

// Extension for the stored original: from the name if it has a plain one,
// else from a few known content types, else "bin".
std::string original_extension(const std::string& sanitized_name, const std::string& content_type) {
  std::string ext = filename_extension(sanitized_name);
  if (!ext.empty()) return ext;
  if (content_type.find("wav") != std::string::npos) return "wav";
  if (content_type.find("flac") != std::string::npos) return "flac";
  if (content_type.find("ogg") != std::string::npos) return "ogg";
  if (content_type.find("mpeg") != std::string::npos) return "mp3";
  return "bin";
}

void remove_quietly(const ObjectStore& objects, const std::string& path) {
  try {
    objects.remove(path);
  } catch (const std::exception& e) {
    log::warn("recording_file_left_for_cleanup", {{"what", e.what()}});
  }
}

}  // namespace

std::string recording_dir(const std::string& user_id) { return "audio/" + user_id; }

RecordingStore::RecordingStore(Database& db, const ObjectStore& objects, RecordingStoreOptions options)
    : db_(db), objects_(objects), options_(std::move(options)) {}

RecordingRecord RecordingStore::add(const std::string& user_id, const RecordingInput& input) {
  validate(user_id, input);
  RecordingRecord r;
  r.id = new_id();
  r.user_id = user_id;
  r.passage_id = input.passage_id;
  r.original_filename = sanitize_filename(input.original_filename);
  r.content_type = input.content_type;
  r.original_path = recording_dir(user_id) + "/" + r.id + ".orig." + original_extension(r.original_filename, r.content_type);
  r.working_path = recording_dir(user_id) + "/" + r.id + ".wav";
  r.sha256 = sha256_hex(input.original_bytes);
  r.size_bytes = static_cast<std::int64_t>(input.original_bytes.size());
  r.duration_s = input.duration_s;
  r.analysis_json = input.analysis_json;

  try {
    objects_.put(r.original_path, input.original_bytes);
    objects_.put(r.working_path, input.working_wav_bytes);
    if (options_.fault_hook) options_.fault_hook("recording.files_written");
    Connection& c = db_.connection();
    Transaction tx(c);
    r.created_at = unix_now_s();
    RecordingRepository(db_).insert(r);
    const nlohmann::json detail = {{"passage_id", r.passage_id}, {"size_bytes", r.size_bytes}};
    AuditLog(db_).record(user_id, "recording.add", r.id, detail.dump());
    tx.commit();
  } catch (...) {
    remove_quietly(objects_, r.original_path);
    remove_quietly(objects_, r.working_path);
    throw;
  }
  return r;
}

bool RecordingStore::remove(const std::string& user_id, const std::string& recording_id) {
  RecordingRepository recordings(db_);
  Connection& c = db_.connection();
  Transaction tx(c);
  const auto r = recordings.get(user_id, recording_id);
  if (!r || !recordings.remove(user_id, recording_id)) return false;
  AuditLog(db_).record(user_id, "recording.delete", recording_id);
  tx.commit();
  // The row is gone for good (synchronous=FULL), so the files can go; a crash
  // here only leaves unreferenced files for cleanup_orphans().
  remove_quietly(objects_, r->original_path);
  remove_quietly(objects_, r->working_path);
  return true;
}

}  // namespace echoes::store
