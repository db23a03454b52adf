#pragma once
// A throwaway single-node Ceph cluster with its S3 gateway (radosgw), for tests that run
// against a real S3-compatible object store. support/ceph_cluster.sh does the work (one
// monitor, one memstore OSD, radosgw, all on 127.0.0.1 at free ports; about 2 s to start);
// this class gives tests the S3 account and guarantees the cluster goes away: a watchdog
// holding a pipe only this process holds runs `ceph_cluster.sh stop` however the test
// binary ends (normally, failing, or SIGKILLed). As root the daemons run as `nobody`.
//
// Under ctest every test case is its own process, so tests/CMakeLists.txt adds a setup and
// a cleanup fixture (support/cluster_tool.cpp) that run one cluster for the whole ctest run;
// test processes find it through $ECHOES_TEST_CEPH_STATE (a bucket each).
#include <memory>
#include <string>

namespace echoes::testing {

class Watchdog;

/// Where the gateway listens and the S3 user's keys.
struct S3Account {
  std::string endpoint;  // "http://127.0.0.1:<port>"
  std::string access_key;
  std::string secret_key;
};

class CephCluster {
 public:
  /// The binary's shared cluster, started on first call. Null when Ceph is not installed
  /// or the cluster did not start; `why` then says why (with the end of the daemons' logs)
  /// and `installed` whether the programs were there.
  static CephCluster* shared(std::string* why, bool* installed = nullptr);

  const S3Account& account() const { return account_; }
  /// A bucket name no other test of this run uses (not created: S3 code under test does).
  std::string fresh_bucket_name();
  /// Stops the daemons and removes the folder now (also done at exit).
  void stop();

  /// ctest's setup fixture: starts a cluster for the whole ctest run and writes its folder
  /// to `state_path`; test processes given ECHOES_TEST_CEPH_STATE=<state_path> use it. A
  /// watchdog stops it when the state file is removed or ctest (the parent) is gone.
  static bool start_for_ctest(const std::string& state_path, std::string* why);
  /// ctest's cleanup fixture: removes the state file and waits until the cluster is gone.
  static void stop_for_ctest(const std::string& state_path);

  ~CephCluster();
  CephCluster(const CephCluster&) = delete;
  CephCluster& operator=(const CephCluster&) = delete;

 private:
  CephCluster() = default;
  static std::unique_ptr<CephCluster> attach_to_ctest_cluster();
  /// Runs ceph_cluster.sh start in a fresh folder, after starting the watchdog (see
  /// child_process.h for `keep_while`). Throws std::runtime_error with the logs' end.
  void start(const std::string& keep_while = "");
  /// Reads DIR/s3.env into account_; false when it is missing or incomplete.
  bool read_account();

  std::string dir_;
  S3Account account_;
  std::unique_ptr<Watchdog> watchdog_;
  int buckets_ = 0;
};

/// For a test's SetUp or body: sets `account` (and `bucket`, a fresh name) for the shared
/// cluster. When Ceph is not installed it leaves them empty and marks the test skipped, or
/// failed when the environment has CI=true; a cluster that is installed but does not start
/// always fails the test. The caller then returns.
void require_ceph(S3Account& account, std::string& bucket);

}  // namespace echoes::testing
