#pragma once
// Jobs table: a persistent work queue. States: queued -> running -> done |
// failed | cancelled. Rows survive restarts. A worker holds a running job under a lease
// (lease_s) that it renews while it works; a job whose lease ran out, because its worker
// or its whole node died, is claimed again by any worker (issue 14). On a single node
// (SQLite) requeue_interrupted() on start puts every running job back at once.
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
  /// How long a claim holds a job without renewal.
  double lease_s = 30.0;
};

/// Which running jobs requeue_interrupted() takes back.
enum class RequeueScope {
  all_running,     ///< one node (SQLite): whatever was running died with the last process
  expired_leases,  ///< many nodes: only jobs whose worker stopped renewing its lease
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

  /// Atomically moves the oldest queued job (of `kind` when given), or a running one whose
  /// lease ran out, to running under `worker_id` with a fresh lease, counting the attempt.
  /// Two workers never hold the same job. A job with an expired lease and max_attempts
  /// attempts is failed instead. nullopt when there is nothing to claim.
  std::optional<Job> claim_next(const std::optional<std::string>& kind = std::nullopt,
                                const std::string& worker_id = "");
  /// Extends the lease of a job `worker_id` holds by lease_s from now. False when the job
  /// is no longer running under that worker (cancelled, or claimed again after its lease
  /// ran out): the worker should stop and drop its result.
  bool renew_lease(const std::string& job_id, const std::string& worker_id);
  /// True when the user has a running job whose lease has not run out.
  bool has_live_job(const std::string& user_id);
  /// Records progress (clamped to 0..1) of a running job. Returns false when
  /// the job is no longer running (e.g. cancelled): the worker should stop.
  bool update_progress(const std::string& user_id, const std::string& job_id, double progress,
                       const std::string& message);
  /// running -> done with the result JSON; false when not running (or, when `worker_id` is
  /// given, no longer held by that worker).
  bool finish(const std::string& user_id, const std::string& job_id, const std::string& result_json,
              const std::optional<std::string>& worker_id = std::nullopt);
  /// running -> failed with a plain-language message; false as for finish().
  bool fail(const std::string& user_id, const std::string& job_id, const std::string& message,
            const std::optional<std::string>& worker_id = std::nullopt);
  /// queued or running -> cancelled; false when not found for this user or already finished.
  bool cancel(const std::string& user_id, const std::string& job_id);

  /// Call once on start, before workers run: running jobs in `scope` were interrupted and
  /// go back to 'queued' (or to 'failed' after max_attempts).
  RequeueReport requeue_interrupted(RequeueScope scope = RequeueScope::all_running);

 private:
  /// Fails running jobs matching the SQL condition `which` (?1 is now_s) that have used
  /// max_attempts. Returns how many.
  int fail_exhausted(Connection& c, double now_s, const std::string& which);

  Database& db_;
  JobQueueOptions options_;
};

}  // namespace echoes::store
