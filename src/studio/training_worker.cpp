#include "studio/training_worker.h"

#include <chrono>
#include <exception>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/log.h"
#include "metrics/registry.h"
#include "store/audit_log.h"
#include "store/clock.h"
#include "store/consent_repository.h"
#include "store/job_repository.h"
#include "store/recording_repository.h"
#include "store/voice_repository.h"
#include "studio/studio.h"
#include "store/ids.h"
#include "studio/lease_keeper.h"
#include "studio/stored_analysis.h"
#include "studio/voice_deletion.h"

namespace echoes::studio {
namespace {

// Poll interval when nobody calls notify() (e.g. a job requeued at start-up).
constexpr auto kPollInterval = std::chrono::seconds(2);

std::string voice_dir_for(const std::string& user_id, const std::string& voice_id) {
  return voices_dir(user_id) + "/" + voice_id;
}

// Which consent, if any, the build was made under (kept with the voice and the job result).
nlohmann::json consent_attachment(store::Database& db, const std::string& user_id) {
  const auto consent = store::ConsentRepository(db).latest(user_id);
  if (!consent) return {{"attached", false}};
  return {{"attached", true},
          {"consentId", consent->id},
          {"spokenDate", consent->spoken_date},
          {"recordedAt", consent->created_at}};
}

}  // namespace

TrainingWorker::TrainingWorker(store::Database& db, store::FileStore& files, const store::ObjectStore& audio,
                               VoiceBuilder builder, VoiceAssessor assessor, store::JobQueueOptions queue)
    : db_(db),
      files_(files),
      audio_(audio),
      builder_(std::move(builder)),
      assessor_(std::move(assessor)),
      queue_(queue),
      worker_id_(store::new_id()) {}

TrainingWorker::~TrainingWorker() { stop(); }

void TrainingWorker::start() {
  if (thread_.joinable()) return;
  remove_scratch_copies(files_);  // left by a build the previous process did not finish
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void TrainingWorker::stop() {
  stopping_ = true;
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void TrainingWorker::notify() { wake_.notify_all(); }

void TrainingWorker::loop() {
  while (!stopping_) {
    bool worked = false;
    try {
      worked = run_one();
    } catch (const std::exception& e) {
      log::error("training_worker_error", {{"what", e.what()}});
    }
    if (worked) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, kPollInterval, [this] { return stopping_.load(); });
  }
  db_.release_thread_connection();
}

bool TrainingWorker::run_one() {
  const auto job = store::JobRepository(db_, queue_).claim_next(std::string(kTrainVoiceJob), worker_id_);
  if (!job) return false;
  run_job(*job);
  return true;
}

std::vector<TrainingUtterance> TrainingWorker::utterances_for(const std::string& user_id, LocalRecordings& local) {
  std::vector<TrainingUtterance> utterances;
  for (const auto& record : store::RecordingRepository(db_).list(user_id)) {
    if (record.files_missing) continue;
    // Only what the read-along check heard read (stored_analysis.h, stored_read_runs).
    for (const ReadRun& run : stored_read_runs(record)) {
      if (run.text.empty()) continue;
      utterances.push_back({local.path(record.working_path), run.text, record.id, run.start_s, run.end_s});
    }
  }
  return utterances;
}

void TrainingWorker::run_job(const store::Job& job) {
  store::JobRepository jobs(db_, queue_);
  store::VoiceRepository voices(db_);
  const double started_s = store::unix_now_s();
  log::info("training_started", {{"jobId", job.id}, {"attempt", job.attempts}});
  LeaseKeeper lease(db_, queue_, job.id, worker_id_);
  remove_abandoned_builds(job.user_id);
  const store::Voice voice = voices.create(job.user_id, "building");
  const std::string relative_dir = voice_dir_for(job.user_id, voice.id);
  std::vector<TrainingUtterance> utterances;
  LocalRecordings local(audio_, files_, "training-" + job.id);  // lives until the assessment is done
  try {
    utterances = utterances_for(job.user_id, local);
    if (utterances.empty()) throw Error(error_code::kInvalidArgument, "There are no recordings to learn from.");
    const BuildProgress progress = [&](double fraction, const std::string& message) {
      return !lease.lost() && jobs.update_progress(job.user_id, job.id, fraction, message);
    };
    const std::string report = builder_(utterances, files_.resolve(relative_dir), progress);
    if (lease.lost()) throw Error(error_code::kConflict, "This build was taken over by another worker.");
    nlohmann::json quality = nlohmann::json::parse(report, nullptr, false);
    if (!quality.is_object()) quality = nlohmann::json::object();
    quality["consent"] = consent_attachment(db_, job.user_id);
    voices.update(job.user_id, voice.id, "ready", relative_dir, quality.dump());
    nlohmann::json result = {{"voiceId", voice.id}, {"durationSec", store::unix_now_s() - started_s}};
    result["consent"] = quality["consent"];
    result["report"] = quality;
    if (!jobs.finish(job.user_id, job.id, result.dump(), worker_id_)) {
      throw Error(error_code::kConflict, "This build was cancelled or taken over by another worker.");
    }
    store::AuditLog(db_).record(job.user_id, "voice.built", voice.id,
                                nlohmann::json({{"jobId", job.id}, {"recordings", utterances.size()}}).dump());
    assess(job, voice.id, relative_dir, utterances, report);
    log::info("training_finished", {{"jobId", job.id}, {"durationSec", store::unix_now_s() - started_s}});
    metrics::Registry::global().observe("echoes_training_duration_seconds", store::unix_now_s() - started_s,
                                        {{"outcome", "done"}});
  } catch (const std::exception& e) {
    if (lease.lost()) {  // another worker builds it now: leave no trace of this attempt
      delete_voice(db_, files_, job.user_id, voice.id);
      log::warn("training_abandoned", {{"jobId", job.id}});
      return;
    }
    const auto* echoes_error = dynamic_cast<const Error*>(&e);
    const std::string message = echoes_error ? e.what() : "The voice could not be built. Please try again.";
    voices.update(job.user_id, voice.id, "failed", std::nullopt, "{}");
    jobs.fail(job.user_id, job.id, message, worker_id_);
    store::AuditLog(db_).record(job.user_id, "voice.build_failed", voice.id, nlohmann::json({{"jobId", job.id}}).dump());
    log::warn("training_failed", {{"jobId", job.id}, {"what", e.what()}});
    metrics::Registry::global().observe("echoes_training_duration_seconds", store::unix_now_s() - started_s,
                                        {{"outcome", "failed"}});
  }
}

// A voice still "building" when its user's next build starts was left by a worker that died
// (one build per user at a time): its row and files go.
void TrainingWorker::remove_abandoned_builds(const std::string& user_id) {
  for (const auto& voice : store::VoiceRepository(db_).list(user_id)) {
    if (voice.status == "building") delete_voice(db_, files_, user_id, voice.id);
  }
}

void TrainingWorker::assess(const store::Job& job, const std::string& voice_id, const std::string& relative_dir,
                            const std::vector<TrainingUtterance>& utterances, const std::string& report) {
  if (!assessor_) return;
  nlohmann::json quality = nlohmann::json::parse(report, nullptr, false);
  if (!quality.is_object()) quality = nlohmann::json::object();
  try {
    quality["assessment"] = nlohmann::json::parse(assessor_(utterances, files_.resolve(relative_dir)));
  } catch (const std::exception& e) {
    quality["assessment"] = {{"state", "unavailable"}, {"reason", e.what()}};
    log::warn("voice_assessment_failed", {{"jobId", job.id}, {"what", e.what()}});
  }
  store::VoiceRepository(db_).update(job.user_id, voice_id, "ready", relative_dir, quality.dump());
}

double estimate_remaining_s(const store::Job& job, double now_s, double queued_estimate_s) {
  if (job.state == store::job_state::kQueued) return queued_estimate_s;
  if (job.state != store::job_state::kRunning || !job.started_at) return 0.0;
  const double elapsed_s = std::max(0.0, now_s - *job.started_at);
  if (job.progress < 0.05) return std::max(queued_estimate_s - elapsed_s, 1.0);
  return elapsed_s * (1.0 - job.progress) / job.progress;
}

}  // namespace echoes::studio
