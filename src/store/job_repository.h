#pragma once
// Jobs table: a persistent work queue. States: queued -> running -> done |
// failed | cancelled. Rows survive restarts; requeue_interrupted() on start
// puts jobs that were running when the process died back in the queue.
//
// User-facing and worker-facing functions take the owner's id and filter by
// it; claim_next() and requeue_interrupted() are system-wide on purpose.
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace echoes::store {

struct JobQueueOptions {
  /// A job interrupted this many times (claims) is failed instead of requeued,
  /// so a job that crashes the process cannot loop forever.
  int max_attempts = 3;
};

struct RequeueReport {
  int requeued = 0;  // running -> queued
  int failed = 0;    // running -> failed (too many attempts)
};

class JobRepository {
 public:
  explicit JobRepository(Database& db, JobQueueOptions options = {}) : db_(db), options_(options) {}

  /// Adds a queued job with a new id.
  Job enqueue(const std::string& user_id, const std::string& kind, const std::string& payload_json = "{}");
  std::optional<Job> get(const std::string& user_id, const std::string& job_id);
  /// The user's jobs, newest first.
  std::vector<Job> list(const std::string& user_id);
  /// The user's oldest queued or running job (of `kind` when given).
  std::optional<Job> find_active(const std::string& user_id, const std::optional<std::string>& kind = std::nullopt);

  /// Atomically moves the oldest queued job (of `kind` when given) to running,
  /// counting the attempt. Two workers never get the same job. nullopt when
  /// the queue is empty.
  std::optional<Job> claim_next(const std::optional<std::string>& kind = std::nullopt);
  /// Records progress (clamped to 0..1) of a running job. Returns false when
  /// the job is no longer running (e.g. cancelled): the worker should stop.
  bool update_progress(const std::string& user_id, const std::string& job_id, double progress,
                       const std::string& message);
  /// running -> done with the result JSON; false when not running.
  bool finish(const std::string& user_id, const std::string& job_id, const std::string& result_json);
  /// running -> failed with a plain-language message; false when not running.
  bool fail(const std::string& user_id, const std::string& job_id, const std::string& message);
  /// queued or running -> cancelled; false when not found for this user or already finished.
  bool cancel(const std::string& user_id, const std::string& job_id);

  /// Call once on start, before workers run: every 'running' job was
  /// interrupted by the previous process and goes back to 'queued' (or to
  /// 'failed' after max_attempts).
  RequeueReport requeue_interrupted();

 private:
  Database& db_;
  JobQueueOptions options_;
};

}  // namespace echoes::store
