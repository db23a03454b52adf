#include "store/job_repository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "store/ids.h"
#include "store_test_util.h"
#include "support/temp_dir.h"

namespace echoes::store {
namespace {

using echoes::testing::TempDir;

class Jobs : public test::BackendTest {
 protected:
  void SetUp() override {
    test::BackendTest::SetUp();
    if (!db) return;
    alice = test::make_user(*db, "alice@example.com");
    bob = test::make_user(*db, "bob@example.com");
    jobs = std::make_unique<JobRepository>(*db);
  }
  User alice;
  User bob;
  std::unique_ptr<JobRepository> jobs;
};
ECHOES_ON_BOTH_BACKENDS(Jobs);

TEST_P(Jobs, EnqueueThenClaimOldestFirst) {
  const Job first = jobs->enqueue(alice.id, "train_voice", R"({"n":1})");
  const Job second = jobs->enqueue(bob.id, "train_voice", R"({"n":2})");
  EXPECT_EQ(first.state, job_state::kQueued);
  EXPECT_EQ(first.payload_json, R"({"n":1})");
  EXPECT_TRUE(is_valid_id(first.id));

  const auto claimed = jobs->claim_next();
  ASSERT_TRUE(claimed);
  EXPECT_EQ(claimed->id, first.id);
  EXPECT_EQ(claimed->state, job_state::kRunning);
  EXPECT_EQ(claimed->attempts, 1);
  EXPECT_TRUE(claimed->started_at);
  EXPECT_EQ(jobs->claim_next()->id, second.id);
  EXPECT_FALSE(jobs->claim_next());
}

TEST_P(Jobs, ClaimCanFilterByKind) {
  jobs->enqueue(alice.id, "analyse");
  const Job train = jobs->enqueue(alice.id, "train_voice");
  EXPECT_EQ(jobs->claim_next("train_voice")->id, train.id);
  EXPECT_FALSE(jobs->claim_next("train_voice"));
  EXPECT_TRUE(jobs->claim_next("analyse"));
}

TEST_P(Jobs, ProgressFinishFailFollowTheStateMachine) {
  const Job j = jobs->enqueue(alice.id, "train_voice");
  EXPECT_FALSE(jobs->update_progress(alice.id, j.id, 0.5, "not running yet"));
  jobs->claim_next();
  EXPECT_FALSE(jobs->update_progress(bob.id, j.id, 0.5, "not my job"));
  EXPECT_TRUE(jobs->update_progress(alice.id, j.id, 1.7, "clamped"));
  EXPECT_DOUBLE_EQ(jobs->get(alice.id, j.id)->progress, 1.0);
  EXPECT_TRUE(jobs->update_progress(alice.id, j.id, 0.25, "Extracting features"));
  const Job mid = *jobs->get(alice.id, j.id);
  EXPECT_DOUBLE_EQ(mid.progress, 0.25);
  EXPECT_EQ(mid.message, "Extracting features");

  EXPECT_FALSE(jobs->finish(bob.id, j.id, "{}"));
  EXPECT_TRUE(jobs->finish(alice.id, j.id, R"({"voice_id":"v"})"));
  const Job done = *jobs->get(alice.id, j.id);
  EXPECT_EQ(done.state, job_state::kDone);
  EXPECT_EQ(done.result_json, R"({"voice_id":"v"})");
  EXPECT_TRUE(done.finished_at);
  EXPECT_FALSE(jobs->fail(alice.id, j.id, "too late"));

  const Job k = jobs->enqueue(alice.id, "train_voice");
  jobs->claim_next();
  EXPECT_TRUE(jobs->fail(alice.id, k.id, "Not enough speech."));
  EXPECT_EQ(jobs->get(alice.id, k.id)->state, job_state::kFailed);
}

TEST_P(Jobs, CancelStopsAWorkerAndIsOwnerOnly) {
  const Job j = jobs->enqueue(alice.id, "train_voice");
  jobs->claim_next();
  EXPECT_FALSE(jobs->cancel(bob.id, j.id));
  EXPECT_TRUE(jobs->cancel(alice.id, j.id));
  EXPECT_FALSE(jobs->update_progress(alice.id, j.id, 0.5, "worker notices"));
  EXPECT_FALSE(jobs->finish(alice.id, j.id, "{}"));
  EXPECT_EQ(jobs->get(alice.id, j.id)->state, job_state::kCancelled);
  EXPECT_FALSE(jobs->cancel(alice.id, j.id));

  const Job queued = jobs->enqueue(alice.id, "train_voice");
  EXPECT_TRUE(jobs->cancel(alice.id, queued.id));
  EXPECT_FALSE(jobs->claim_next());
}

TEST_P(Jobs, UsersSeeOnlyTheirOwnJobs) {
  const Job a = jobs->enqueue(alice.id, "train_voice");
  jobs->enqueue(bob.id, "train_voice");
  EXPECT_TRUE(jobs->get(alice.id, a.id));
  EXPECT_FALSE(jobs->get(bob.id, a.id));
  EXPECT_EQ(jobs->list(alice.id).size(), 1u);
  EXPECT_EQ(jobs->list(bob.id).size(), 1u);
  EXPECT_EQ(jobs->find_active(alice.id)->id, a.id);
  EXPECT_EQ(jobs->find_active(alice.id, "train_voice")->id, a.id);
  EXPECT_FALSE(jobs->find_active(alice.id, "other_kind"));
  jobs->cancel(alice.id, a.id);
  EXPECT_FALSE(jobs->find_active(alice.id));
  EXPECT_TRUE(jobs->find_active(bob.id));
}

TEST_P(Jobs, ClaimIsExclusiveUnderConcurrentWorkers) {
  constexpr int kJobs = 90;
  for (int i = 0; i < kJobs; ++i) jobs->enqueue(i % 2 ? alice.id : bob.id, "train_voice");
  std::mutex mutex;
  std::vector<std::string> claimed;
  auto worker = [&] {
    JobRepository mine(*db);
    while (auto job = mine.claim_next()) {
      std::lock_guard lock(mutex);
      claimed.push_back(job->id);
    }
    db->release_thread_connection();
  };
  std::thread w1(worker), w2(worker), w3(worker);
  w1.join();
  w2.join();
  w3.join();
  EXPECT_EQ(claimed.size(), static_cast<size_t>(kJobs));
  EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()).size(), static_cast<size_t>(kJobs));
  auto st = db->connection().prepare("SELECT COUNT(*) FROM jobs WHERE state = 'running' AND attempts = 1");
  st.step();
  EXPECT_EQ(st.column_int64(0), kJobs);
}

TEST_P(Jobs, RequeueInterruptedAfterRestart) {
  const Job running = jobs->enqueue(alice.id, "train_voice");
  const Job queued = jobs->enqueue(alice.id, "train_voice");
  jobs->claim_next();
  jobs->update_progress(alice.id, running.id, 0.6, "halfway");
  const Job bobs = jobs->enqueue(bob.id, "train_voice");

  // "Restart": a new Database on the same file, as the next process would open it.
  Database reopened(location);
  JobRepository after(reopened);
  const RequeueReport report = after.requeue_interrupted();
  EXPECT_EQ(report.requeued, 1);
  EXPECT_EQ(report.failed, 0);
  const Job back = *after.get(alice.id, running.id);
  EXPECT_EQ(back.state, job_state::kQueued);
  EXPECT_DOUBLE_EQ(back.progress, 0.0);
  EXPECT_FALSE(back.started_at);
  EXPECT_EQ(back.attempts, 1);
  EXPECT_EQ(after.get(alice.id, queued.id)->state, job_state::kQueued);
  EXPECT_EQ(after.get(bob.id, bobs.id)->state, job_state::kQueued);
  // The interrupted job keeps its place at the front of the queue.
  EXPECT_EQ(after.claim_next()->id, running.id);
}

TEST_P(Jobs, RequeueGivesUpAfterMaxAttempts) {
  JobRepository limited(*db, JobQueueOptions{.max_attempts = 2});
  const Job j = limited.enqueue(alice.id, "train_voice");
  limited.claim_next();
  EXPECT_EQ(limited.requeue_interrupted().requeued, 1);
  limited.claim_next();  // attempt 2, interrupted again
  const RequeueReport report = limited.requeue_interrupted();
  EXPECT_EQ(report.requeued, 0);
  EXPECT_EQ(report.failed, 1);
  const Job failed = *limited.get(alice.id, j.id);
  EXPECT_EQ(failed.state, job_state::kFailed);
  EXPECT_FALSE(failed.message.empty());
}

TEST_P(Jobs, AJobWhoseLeaseRunsOutIsClaimedAgainByAnotherWorker) {
  JobRepository leased(*db, JobQueueOptions{.max_attempts = 3, .lease_s = 0.2});
  const Job job = leased.enqueue(alice.id, "train_voice");
  ASSERT_EQ(leased.claim_next("train_voice", "worker-a")->id, job.id);
  EXPECT_FALSE(leased.claim_next("train_voice", "worker-b")) << "held under a live lease";
  EXPECT_TRUE(leased.has_live_job(alice.id));
  EXPECT_TRUE(leased.renew_lease(job.id, "worker-a"));
  EXPECT_FALSE(leased.renew_lease(job.id, "worker-b")) << "only the holder renews";

  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // worker A stopped renewing
  EXPECT_FALSE(leased.has_live_job(alice.id));
  const auto again = leased.claim_next("train_voice", "worker-b");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, job.id);
  EXPECT_EQ(again->attempts, 2);
  // Worker A comes back: its lease is gone, and its result is not taken.
  EXPECT_FALSE(leased.renew_lease(job.id, "worker-a"));
  EXPECT_FALSE(leased.finish(alice.id, job.id, "{}", std::string("worker-a")));
  EXPECT_FALSE(leased.fail(alice.id, job.id, "stale", std::string("worker-a")));
  EXPECT_TRUE(leased.finish(alice.id, job.id, "{}", std::string("worker-b")));
}

TEST_P(Jobs, ALeaseThatRunsOutOnItsLastAttemptFailsTheJob) {
  JobRepository leased(*db, JobQueueOptions{.max_attempts = 1, .lease_s = 0.1});
  const Job job = leased.enqueue(alice.id, "train_voice");
  ASSERT_TRUE(leased.claim_next("train_voice", "worker-a"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(leased.claim_next("train_voice", "worker-b"));
  const Job failed = *leased.get(alice.id, job.id);
  EXPECT_EQ(failed.state, job_state::kFailed);
  EXPECT_FALSE(failed.message.empty());
}

TEST_P(Jobs, RequeueOfExpiredLeasesLeavesLiveJobsRunning) {
  JobRepository leased(*db, JobQueueOptions{.max_attempts = 3, .lease_s = 0.2});
  JobRepository long_leased(*db, JobQueueOptions{.max_attempts = 3, .lease_s = 60});
  const Job stale = leased.enqueue(alice.id, "train_voice");
  ASSERT_TRUE(leased.claim_next("train_voice", "dead-node"));
  const Job live = leased.enqueue(bob.id, "train_voice");
  ASSERT_EQ(long_leased.claim_next("train_voice", "live-node")->id, live.id);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the dead node's lease runs out
  const RequeueReport report = leased.requeue_interrupted(RequeueScope::expired_leases);
  EXPECT_EQ(report.requeued, 1);
  EXPECT_EQ(leased.get(alice.id, stale.id)->state, job_state::kQueued);
  EXPECT_EQ(leased.get(bob.id, live.id)->state, job_state::kRunning);
}

}  // namespace
}  // namespace echoes::store
