#pragma once
// Keeps a claimed job's lease alive while a worker runs it (store/job_repository.h): a
// thread renews it every third of the lease, so a worker that dies stops renewing and the
// job is claimed again elsewhere once the lease runs out. If a renewal finds the job gone
// (cancelled, or claimed by another worker after a stall), lost() turns true and the
// worker drops its result.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "store/database.h"
#include "store/job_repository.h"

namespace echoes::studio {

class LeaseKeeper {
 public:
  /// Starts renewing the lease that `worker_id` holds on `job_id`.
  LeaseKeeper(store::Database& db, store::JobQueueOptions queue, std::string job_id, std::string worker_id);
  ~LeaseKeeper();  // stops renewing (the lease then runs out unless the job has ended)
  LeaseKeeper(const LeaseKeeper&) = delete;
  LeaseKeeper& operator=(const LeaseKeeper&) = delete;

  /// True once a renewal found the job no longer held by this worker.
  bool lost() const { return lost_; }

 private:
  void renew_until_stopped();

  store::Database& db_;
  store::JobQueueOptions queue_;
  std::string job_id_;
  std::string worker_id_;
  std::atomic<bool> lost_{false};
  bool stopping_ = false;  // guarded by mutex_
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace echoes::studio
