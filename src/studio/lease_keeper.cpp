#include "studio/lease_keeper.h"

#include <chrono>
#include <exception>

#include "common/log.h"

namespace echoes::studio {

LeaseKeeper::LeaseKeeper(store::Database& db, store::JobQueueOptions queue, std::string job_id, std::string worker_id)
    : db_(db), queue_(queue), job_id_(std::move(job_id)), worker_id_(std::move(worker_id)) {
  thread_ = std::thread([this] { renew_until_stopped(); });
}

LeaseKeeper::~LeaseKeeper() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void LeaseKeeper::renew_until_stopped() {
  const auto interval = std::chrono::duration<double>(queue_.lease_s / 3.0);
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
    try {
      if (!store::JobRepository(db_, queue_).renew_lease(job_id_, worker_id_)) {
        lost_ = true;
        log::warn("job_lease_lost", {{"jobId", job_id_}});
        break;
      }
    } catch (const std::exception& e) {  // the database is away: try again at the next beat
      log::warn("job_lease_not_renewed", {{"jobId", job_id_}, {"what", e.what()}});
    }
  }
  lock.unlock();
  db_.release_thread_connection();
}

}  // namespace echoes::studio
