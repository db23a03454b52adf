#pragma once
// A throwaway PostgreSQL cluster for tests that run against a real server: initdb into a
// fresh temp folder, pg_ctl start on 127.0.0.1 at a free port (Unix socket in the same
// folder), one per test binary, started on first use. As root (tests run as root here and
// in CI, and PostgreSQL refuses root) the server programs run as `nobody` via setpriv.
//
// It is always stopped and deleted: a watchdog process started with the cluster waits on a
// pipe that only this process holds, so whether the tests end normally, fail, or the
// binary is killed (even with SIGKILL), the watchdog sees the pipe close, stops the server
// (pg_ctl -m immediate) and removes the folder.
//
// Under ctest every test case is its own process, so tests/CMakeLists.txt adds a setup and
// a cleanup fixture (support/postgres_cluster_tool.cpp) that run one cluster for the whole
// ctest run; test processes find it through $ECHOES_TEST_PG_STATE.
#include <memory>
#include <string>

namespace echoes::testing {

class Watchdog;

class PostgresCluster {
 public:
  /// The binary's shared cluster, started on first call. Null when PostgreSQL's server
  /// programs (initdb, pg_ctl) are not installed or the cluster could not start; `why`
  /// then says why (with the end of initdb's and the server's logs), and `installed`
  /// whether the programs were there.
  static PostgresCluster* shared(std::string* why, bool* installed = nullptr);

  /// A libpq URI to a new, empty schema of its own (search_path set in the URI), so each
  /// test starts from nothing without the cost of a database per test.
  std::string fresh_database_url();
  int port() const { return port_; }
  /// Stops the server and removes its folder now (also done at exit).
  void stop();

  /// ctest's setup fixture: starts a cluster that outlives this process for the whole ctest
  /// run, and writes "<port> <folder>" to `state_path`; test processes given
  /// ECHOES_TEST_PG_STATE=<state_path> share it (a schema each) instead of starting their
  /// own. A watchdog stops it when the state file is removed or ctest (this process's
  /// parent) is gone. False (with `why`) when PostgreSQL is missing or did not start.
  static bool start_for_ctest(const std::string& state_path, std::string* why);
  /// ctest's cleanup fixture: removes the state file and waits until the cluster is gone.
  static void stop_for_ctest(const std::string& state_path);

  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

 private:
  PostgresCluster() = default;
  static std::unique_ptr<PostgresCluster> attach_to_ctest_cluster();
  /// Starts initdb + pg_ctl with a watchdog: pipe-bound when `keep_while` is empty, else it
  /// keeps the cluster while that shell condition holds.
  void start(const std::string& keep_while = "");

  std::string bin_dir_;
  std::string dir_;  // the cluster's temp folder (data/, socket, log)
  int port_ = 0;
  std::unique_ptr<Watchdog> watchdog_;  // pipe-bound: stops the server when this process ends
  int schemas_ = 0;
};

/// For a test's SetUp or body: sets `url` to a fresh schema in the shared cluster. When
/// PostgreSQL is not installed it leaves `url` empty and marks the test skipped, or
/// failed when the environment has CI=true (CI must run every backend); a cluster that is
/// installed but does not start always fails the test. The caller then returns.
void require_postgres(std::string& url);

}  // namespace echoes::testing
