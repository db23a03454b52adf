#include "studio/studio.h"

#include <mutex>
#include <span>

#include "audio/decode.h"
#include "audio/encode.h"
#include "common/error.h"
#include "common/log.h"
#include "common/utf8.h"
#include "quality/prosody.h"
#include "quality/voice_signature.h"
#include "store/job_repository.h"
#include "store/recording_repository.h"
#include "store/recording_store.h"
#include "store/voice_repository.h"
#include "studio/aligner_pool.h"
#include "studio/consent.h"
#include "studio/stored_analysis.h"
#include "text/passages.h"

namespace echoes::studio {
namespace {

// Serializes "has this user ever queued training? if not, queue it" so two
// concurrent uploads cannot both queue the first build (one server process).
std::mutex g_training_trigger_mutex;

int tier_rank(const std::string& tier) {
  if (tier == "minimum") return 1;
  if (tier == "recommended") return 2;
  if (tier == "optimal") return 3;
  return 0;
}

std::string as_string(const std::vector<std::uint8_t>& bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

}  // namespace

double estimate_training_time_s(double total_audio_s) {
  // Alignment runs ~60x and unit extraction ~30x real time on one core (docs/benchmarks.md);
  // a fixed start-up cost covers loading the models.
  return 2.0 + total_audio_s / 20.0;
}

Studio::Studio(store::Database& db, store::FileStore& files, const store::ObjectStore& audio, StudioOptions options)
    : db_(db), files_(files), audio_(audio), options_(options), aligners_(std::make_unique<AlignerPool>(options.aligners, read_along_aligner_options())) {}

Studio::~Studio() = default;

ReadAlongCheck Studio::check_reading(const audio::Audio& audio, const std::string& text) {
  ReadAlongCheck check;
  if (!options_.verify_reading) {
    check.reason = "Reading checks are turned off on this server.";
    return check;
  }
  const std::vector<std::string> sentences = reading_sentences(text);
  if (sentences.empty()) {
    check.reason = "The text has no words to check.";
    return check;
  }
  try {
    return check_read_along(aligners_->align_sentences(audio, sentences), sentences, audio.duration_s());
  } catch (const Error& e) {
    log::warn("read_along_unchecked", {{"code", e.code()}, {"what", e.what()}});
    check.reason = e.what();
    return check;
  }
}

UploadResult Studio::upload(const std::string& user_id, const UploadRequest& request) {
  if (!text::find_passage(request.passage_id)) {
    throw Error(error_code::kInvalidArgument,
                "Unknown passage. Choose one of the passages listed by /api/voice/passages.");
  }
  if (!is_valid_utf8(request.transcript)) {
    throw Error(error_code::kInvalidArgument, "The transcript must be UTF-8 text.");
  }
  if (utf8_char_count(request.transcript) > kMaxTranscriptChars) {
    throw Error(error_code::kInvalidArgument,
                "The transcript is too long (at most " + std::to_string(kMaxTranscriptChars) + " characters).");
  }
  std::size_t stored_bytes = 0;
  for (const auto& record : list(user_id)) stored_bytes += static_cast<std::size_t>(record.size_bytes);
  if (stored_bytes + request.bytes.size() > options_.storage_quota_bytes) {
    throw Error(error_code::kForbidden, "Your storage is full. Delete recordings you do not need, then try again.");
  }
  audio::DecodeOptions decode_options;
  decode_options.max_bytes = options_.max_upload_bytes;
  decode_options.max_duration_s = options_.max_recording_s;
  const auto* data = reinterpret_cast<const std::uint8_t*>(request.bytes.data());
  const audio::DecodedAudio decoded = audio::decode_audio(std::span(data, request.bytes.size()), decode_options);

  UploadResult result;
  result.analysis = quality::analyze_recording(decoded.audio);
  if (!result.analysis.speech_found) {
    result.set = assess(user_id);
    return result;
  }
  const text::Passage* passage = text::find_passage(request.passage_id);
  result.read_along = check_reading(decoded.audio, request.transcript.empty() ? passage->text : request.transcript);
  const auto prosody = quality::measure_prosody(decoded.audio, result.analysis.speech_segments);
  const auto signature = quality::compute_voice_signature(decoded.audio);

  store::RecordingInput input;
  input.passage_id = request.passage_id;
  input.original_filename = request.filename;
  input.content_type = request.content_type;
  input.original_bytes = request.bytes;
  const std::string working_wav = as_string(audio::encode_wav_pcm16(decoded.audio));
  input.working_wav_bytes = working_wav;
  input.duration_s = decoded.audio.duration_s();
  auto stored = make_stored_analysis(decoded, result.analysis, prosody, signature, result.read_along);
  if (!request.transcript.empty()) stored["transcript"] = request.transcript;
  input.analysis_json = stored.dump();

  store::RecordingStore recordings(db_, audio_);
  result.recording = recordings.add(user_id, input);
  result.accepted = true;
  result.set = assess(user_id);
  result.training_job = queue_training_if_first(user_id, result.set);
  return result;
}

std::optional<store::Job> Studio::queue_training_if_first(const std::string& user_id,
                                                           const quality::SetAssessment& set) {
  if (tier_rank(set.tier) < tier_rank("recommended")) return std::nullopt;
  if (options_.require_consent && !consent_state(db_, user_id).given()) return std::nullopt;
  std::lock_guard lock(g_training_trigger_mutex);
  store::JobRepository jobs(db_);
  for (const auto& job : jobs.list(user_id)) {
    if (job.kind == kTrainVoiceJob) return std::nullopt;  // already triggered once
  }
  return jobs.enqueue(user_id, kTrainVoiceJob, R"({"trigger":"recommended_tier_reached"})");
}

std::optional<store::Job> Studio::queue_training_after_consent(const std::string& user_id) {
  return queue_training_if_first(user_id, assess(user_id));
}

void Studio::require_consent(const std::string& user_id) {
  if (!options_.require_consent) return;
  const ConsentState consent = consent_state(db_, user_id);
  if (consent.state == "voice_mismatch") {
    throw Error(error_code::kForbidden,
                "Your recordings do not sound like your consent recording. Please record the consent "
                "statement again before we build your voice.");
  }
  if (!consent.given()) {
    throw Error(error_code::kForbidden, "Please record the consent statement before we build your voice.");
  }
}

std::vector<store::RecordingRecord> Studio::list(const std::string& user_id) {
  return store::RecordingRepository(db_).list(user_id);
}

std::optional<store::RecordingRecord> Studio::get(const std::string& user_id, const std::string& recording_id) {
  return store::RecordingRepository(db_).get(user_id, recording_id);
}

std::string Studio::original_bytes(const std::string& user_id, const std::string& recording_id) {
  const auto record = get(user_id, recording_id);
  if (!record || record->files_missing) {
    throw Error(error_code::kNotFound, "That recording does not exist.");
  }
  return audio_.get(record->original_path);
}

bool Studio::remove(const std::string& user_id, const std::string& recording_id) {
  return store::RecordingStore(db_, audio_).remove(user_id, recording_id);
}

quality::SetAssessment Studio::assess(const std::string& user_id) {
  std::vector<quality::RecordingSummary> summaries;
  for (const auto& record : list(user_id)) summaries.push_back(summary_from_record(record));
  return quality::assess_set(summaries);
}

std::optional<Studio::ReadyVoice> Studio::ready_voice(const std::string& user_id) {
  std::optional<ReadyVoice> newest;
  for (const auto& voice : store::VoiceRepository(db_).list(user_id)) {
    if (voice.status != "ready" || !voice.path) continue;
    if (!newest || voice.updated_at >= newest->voice.updated_at) newest = ReadyVoice{voice, files_.resolve(*voice.path)};
  }
  return newest;
}

store::Job Studio::start_training(const std::string& user_id) {
  const auto set = assess(user_id);
  if (tier_rank(set.tier) < tier_rank("minimum")) {
    throw Error(error_code::kInvalidArgument,
                "Record a little more first: a voice needs at least the Minimum tier (" +
                    std::string(set.missing_for_next_tier.empty() ? "more recordings" : set.missing_for_next_tier.front()) +
                    ").");
  }
  require_consent(user_id);
  std::lock_guard lock(g_training_trigger_mutex);
  store::JobRepository jobs(db_);
  if (jobs.find_active(user_id, std::string(kTrainVoiceJob))) {
    throw Error(error_code::kConflict, "Your voice is already being built. Please wait for it to finish.");
  }
  return jobs.enqueue(user_id, kTrainVoiceJob, R"({"trigger":"user_request"})");
}

std::optional<store::Job> Studio::training_job(const std::string& user_id, const std::string& job_id) {
  auto job = store::JobRepository(db_).get(user_id, job_id);
  if (job && job->kind != kTrainVoiceJob) return std::nullopt;
  return job;
}

double Studio::estimated_training_time_s(const std::string& user_id) {
  double recorded_s = 0;
  for (const auto& record : list(user_id)) recorded_s += record.duration_s;
  return estimate_training_time_s(recorded_s);
}

VoiceStatus Studio::status(const std::string& user_id) {
  VoiceStatus status;
  status.set = assess(user_id);
  status.has_recordings = status.set.recordings_used > 0 || !status.set.excluded_recordings.empty();
  status.recordings_complete = tier_rank(status.set.tier) >= tier_rank("recommended");
  status.quality_score = status.set.quality_score;
  status.estimated_training_time_s = estimate_training_time_s(status.set.total_s);
  for (const auto& job : store::JobRepository(db_).list(user_id)) {
    if (job.kind != kTrainVoiceJob) continue;
    status.latest_training_job = job;  // list() is newest first
    status.training_status = job.state;
    break;
  }
  if (const auto voice = ready_voice(user_id)) {
    status.model_ready = true;
    status.voice_quality_json = voice->voice.quality_json;
  }
  const ConsentState consent = consent_state(db_, user_id);
  status.consent_required = options_.require_consent;
  status.consent_given = consent.given();
  status.consent_state = consent.state;
  return status;
}

}  // namespace echoes::studio
