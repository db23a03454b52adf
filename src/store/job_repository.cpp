#include "store/job_repository.h"

#include <algorithm>

#include "store/clock.h"
#include "store/ids.h"
#include "store/sql_dialect.h"

namespace echoes::store {
namespace {

constexpr const char* kColumns =
    "id, user_id, kind, state, progress, message, payload_json, result_json, created_at, started_at, "
    "finished_at, attempts";

Job read_row(const Statement& st) {
  Job j;
  j.id = st.column_text(0);
  j.user_id = st.column_text(1);
  j.kind = st.column_text(2);
  j.state = st.column_text(3);
  j.progress = st.column_double(4);
  j.message = st.column_text(5);
  j.payload_json = st.column_text(6);
  j.result_json = st.column_optional_text(7);
  j.created_at = st.column_double(8);
  j.started_at = st.column_optional_double(9);
  j.finished_at = st.column_optional_double(10);
  j.attempts = static_cast<int>(st.column_int64(11));
  return j;
}

std::optional<Job> read_one(Statement& st) {
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

}  // namespace

Job JobRepository::enqueue(const std::string& user_id, const std::string& kind, const std::string& payload_json) {
  auto st = db_.connection().prepare(std::string(
      "INSERT INTO jobs (id, user_id, kind, state, payload_json, created_at) VALUES (?, ?, ?, 'queued', ?, ?) "
      "RETURNING ") + kColumns);
  st.bind_all(new_id(), user_id, kind, payload_json, unix_now_s());
  Job job = *read_one(st);
  st.run();  // finish the statement so the insert completes
  return job;
}

std::optional<Job> JobRepository::get(const std::string& user_id, const std::string& job_id) {
  auto st = db_.connection().prepare(std::string("SELECT ") + kColumns + " FROM jobs WHERE user_id = ? AND id = ?");
  st.bind_all(user_id, job_id);
  return read_one(st);
}

std::vector<Job> JobRepository::list(const std::string& user_id) {
  auto st = db_.connection().prepare(std::string("SELECT ") + kColumns +
                                     " FROM jobs WHERE user_id = ? ORDER BY created_at DESC, rowid DESC");
  st.bind(1, user_id);
  std::vector<Job> jobs;
  while (st.step()) jobs.push_back(read_row(st));
  return jobs;
}

std::optional<Job> JobRepository::find_active(const std::string& user_id, const std::optional<std::string>& kind) {
  auto st = db_.connection().prepare(std::string("SELECT ") + kColumns +
                                     " FROM jobs WHERE user_id = ? AND state IN ('queued', 'running')"
                                     " AND (CAST(?2 AS TEXT) IS NULL OR kind = ?2) ORDER BY created_at, rowid LIMIT 1");
  st.bind(1, user_id).bind(2, kind);
  return read_one(st);
}

std::optional<Job> JobRepository::claim_next(const std::optional<std::string>& kind, const std::string& worker_id) {
  // One UPDATE ... RETURNING inside a transaction. SQLite: BEGIN IMMEDIATE holds the
  // write lock, so concurrent claimers serialize. PostgreSQL: the pick locks its row
  // and skips rows other claimers hold (FOR UPDATE SKIP LOCKED).
  Connection& c = db_.connection();
  Transaction tx(c);
  const double now_s = unix_now_s();
  fail_exhausted(c, now_s, "lease_until < ?1");
  std::optional<Job> job;
  {
    auto st = c.prepare(std::string(
        "UPDATE jobs SET state = 'running', started_at = ?1, attempts = attempts + 1, progress = 0, message = '', "
        "worker_id = ?3, lease_until = ?4 "
        "WHERE id = (SELECT id FROM jobs WHERE (state = 'queued' OR (state = 'running' AND lease_until < ?1)) "
        "AND (CAST(?2 AS TEXT) IS NULL OR kind = ?2) "
        "ORDER BY created_at, rowid LIMIT 1") + skip_locked(c.dialect()) + ") RETURNING " + kColumns);
    st.bind(1, now_s).bind(2, kind).bind(3, worker_id).bind(4, now_s + options_.lease_s);
    job = read_one(st);
    st.run();
  }
  tx.commit();
  return job;
}

bool JobRepository::renew_lease(const std::string& job_id, const std::string& worker_id) {
  auto& c = db_.connection();
  c.prepare("UPDATE jobs SET lease_until = ? WHERE id = ? AND worker_id = ? AND state = 'running'")
      .bind_all(unix_now_s() + options_.lease_s, job_id, worker_id)
      .run();
  return c.changes() > 0;
}

bool JobRepository::has_live_job(const std::string& user_id) {
  auto st = db_.connection().prepare(
      "SELECT COUNT(*) FROM jobs WHERE user_id = ? AND state = 'running' AND lease_until >= ?");
  st.bind_all(user_id, unix_now_s());
  return st.step() && st.column_int64(0) > 0;
}

bool JobRepository::update_progress(const std::string& user_id, const std::string& job_id, double progress,
                                    const std::string& message) {
  auto& c = db_.connection();
  c.prepare("UPDATE jobs SET progress = ?, message = ? WHERE user_id = ? AND id = ? AND state = 'running'")
      .bind_all(std::clamp(progress, 0.0, 1.0), message, user_id, job_id)
      .run();
  return c.changes() > 0;
}

bool JobRepository::finish(const std::string& user_id, const std::string& job_id, const std::string& result_json,
                           const std::optional<std::string>& worker_id) {
  auto& c = db_.connection();
  c.prepare("UPDATE jobs SET state = 'done', progress = 1, result_json = ?1, finished_at = ?2 "
            "WHERE user_id = ?3 AND id = ?4 AND state = 'running' AND (CAST(?5 AS TEXT) IS NULL OR worker_id = ?5)")
      .bind_all(result_json, unix_now_s(), user_id, job_id, worker_id)
      .run();
  return c.changes() > 0;
}

bool JobRepository::fail(const std::string& user_id, const std::string& job_id, const std::string& message,
                         const std::optional<std::string>& worker_id) {
  auto& c = db_.connection();
  c.prepare("UPDATE jobs SET state = 'failed', message = ?1, finished_at = ?2 "
            "WHERE user_id = ?3 AND id = ?4 AND state = 'running' AND (CAST(?5 AS TEXT) IS NULL OR worker_id = ?5)")
      .bind_all(message, unix_now_s(), user_id, job_id, worker_id)
      .run();
  return c.changes() > 0;
}

bool JobRepository::cancel(const std::string& user_id, const std::string& job_id) {
  auto& c = db_.connection();
  c.prepare("UPDATE jobs SET state = 'cancelled', finished_at = ? "
            "WHERE user_id = ? AND id = ? AND state IN ('queued', 'running')")
      .bind_all(unix_now_s(), user_id, job_id)
      .run();
  return c.changes() > 0;
}

RequeueReport JobRepository::requeue_interrupted(RequeueScope scope) {
  Connection& c = db_.connection();
  Transaction tx(c);
  const double now_s = unix_now_s();
  // ?1 is now_s, always positive, so "?1 > 0" holds for every running job.
  const std::string which = scope == RequeueScope::all_running ? "?1 > 0" : "lease_until < ?1";
  RequeueReport report;
  report.failed = fail_exhausted(c, now_s, which);
  c.prepare("UPDATE jobs SET state = 'queued', started_at = NULL, progress = 0, worker_id = NULL, "
            "lease_until = NULL, message = 'Waiting to restart after an interruption.' "
            "WHERE state = 'running' AND (" + which + " OR lease_until IS NULL)")
      .bind_all(now_s)
      .run();
  report.requeued = c.changes();
  tx.commit();
  return report;
}

int JobRepository::fail_exhausted(Connection& c, double now_s, const std::string& which) {
  c.prepare("UPDATE jobs SET state = 'failed', finished_at = ?1, "
            "message = 'The job was interrupted too many times and has been stopped.' "
            "WHERE state = 'running' AND attempts >= ?2 AND (" + which + " OR lease_until IS NULL)")
      .bind_all(now_s, options_.max_attempts)
      .run();
  return c.changes();
}

}  // namespace echoes::store

