#include "support/ceph_cluster.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "support/child_process.h"

namespace echoes::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kNotInstalledExit = 3;  // ceph_cluster.sh: a program is missing

std::string script_path() { return ECHOES_CEPH_CLUSTER_SCRIPT; }

// True when something accepts TCP connections at the endpoint's port on 127.0.0.1.
bool gateway_listens(const std::string& endpoint) {
  const size_t colon = endpoint.rfind(':');
  if (colon == std::string::npos) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(std::atoi(endpoint.c_str() + colon + 1)));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

CephCluster* g_cluster = nullptr;

// Stops the shared cluster when the test program ends normally.
class ClusterEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    if (g_cluster) g_cluster->stop();
  }
};
[[maybe_unused]] const auto* const g_environment = ::testing::AddGlobalTestEnvironment(new ClusterEnvironment);

// Thrown by start() when Ceph's programs are missing (as opposed to a failed start).
struct NotInstalled : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace

bool CephCluster::read_account() {
  std::ifstream env(dir_ + "/s3.env");
  std::string line;
  while (std::getline(env, line)) {
    const size_t equals = line.find('=');
    if (equals == std::string::npos) continue;
    const std::string name = line.substr(0, equals), value = line.substr(equals + 1);
    if (name == "S3_ENDPOINT") account_.endpoint = value;
    if (name == "S3_ACCESS_KEY") account_.access_key = value;
    if (name == "S3_SECRET_KEY") account_.secret_key = value;
  }
  return !account_.endpoint.empty() && !account_.access_key.empty() && !account_.secret_key.empty();
}

void CephCluster::start(const std::string& keep_while) {
  // /tmp rather than $TMPDIR: as root the daemons run as nobody, who must reach the folder.
  std::string pattern = (fs::path(geteuid() == 0 ? "/tmp" : fs::temp_directory_path()) / "echoes-ceph-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  // The watchdog first, so the daemons and the folder go even if start-up fails half-way.
  watchdog_ = std::make_unique<Watchdog>(shell_quoted(script_path()) + " stop " + shell_quoted(dir_), keep_while);
  const std::string log = dir_ + ".log";  // beside the folder: the script wants it empty
  const int status = run_logged({script_path(), "start", dir_}, log);
  const std::string output = file_tail(log, 4000);
  std::remove(log.c_str());
  if (status == kNotInstalledExit) throw NotInstalled(output);
  if (status != 0) throw std::runtime_error("ceph_cluster.sh start failed (exit " + std::to_string(status) + ")" + output);
  if (!read_account()) throw std::runtime_error("ceph_cluster.sh wrote no S3 account");
}

std::unique_ptr<CephCluster> CephCluster::attach_to_ctest_cluster() {
  const char* state_path = std::getenv("ECHOES_TEST_CEPH_STATE");
  if (!state_path || !*state_path) return nullptr;
  auto cluster = std::unique_ptr<CephCluster>(new CephCluster());
  std::ifstream(state_path) >> cluster->dir_;  // not ours: stop() leaves it to the fixture's cleanup
  if (cluster->dir_.empty() || !cluster->read_account() || !gateway_listens(cluster->account_.endpoint)) {
    return nullptr;  // none, or stale: start our own
  }
  return cluster;
}

bool CephCluster::start_for_ctest(const std::string& state_path, std::string* why) {
  auto cluster = std::unique_ptr<CephCluster>(new CephCluster());
  std::ofstream(state_path).flush();  // exists while the cluster should live
  const std::string keep_while =
      "kill -0 " + std::to_string(getppid()) + " 2>/dev/null && [ -e " + shell_quoted(state_path) + " ]";
  try {
    cluster->start(keep_while);
  } catch (const std::exception& e) {
    if (why) *why = e.what();
    std::remove(state_path.c_str());  // the watchdog cleans up
    return false;
  }
  std::ofstream(state_path) << cluster->dir_ << "\n";
  return true;
}

void CephCluster::stop_for_ctest(const std::string& state_path) {
  std::string dir;
  std::ifstream(state_path) >> dir;
  std::remove(state_path.c_str());  // the watchdog sees it gone, stops the daemons, removes the folder
  for (int i = 0; i < 600 && !dir.empty() && fs::exists(dir); ++i) usleep(100'000);
}

CephCluster* CephCluster::shared(std::string* why, bool* installed) {
  static std::string failure;
  static bool start_failed = false;
  static bool tried = false;
  if (!tried) {
    tried = true;
    g_cluster = attach_to_ctest_cluster().release();
    if (!g_cluster) {
      auto cluster = std::unique_ptr<CephCluster>(new CephCluster());
      try {
        cluster->start();
        g_cluster = cluster.release();
      } catch (const NotInstalled& e) {
        failure = std::string("Ceph is not installed (apt-get install ceph-mon ceph-osd radosgw): ") + e.what();
      } catch (const std::exception& e) {
        failure = std::string("the throwaway Ceph cluster did not start: ") + e.what();
        start_failed = true;
      }
    }
  }
  if (!g_cluster && why) *why = failure;
  if (installed) *installed = g_cluster || start_failed;
  return g_cluster;
}

std::string CephCluster::fresh_bucket_name() {
  return "echoes-" + std::to_string(getpid()) + "-" + std::to_string(++buckets_);
}

void CephCluster::stop() {
  if (watchdog_) watchdog_->stop();  // it stops the daemons and removes the folder
}

CephCluster::~CephCluster() { stop(); }

void require_ceph(S3Account& account, std::string& bucket) {
  std::string why;
  bool installed = false;
  CephCluster* cluster = CephCluster::shared(&why, &installed);
  if (cluster) {
    account = cluster->account();
    bucket = cluster->fresh_bucket_name();
    return;
  }
  if (installed) FAIL() << why;  // installed but broken: never hidden as a skip
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") FAIL() << "Ceph (radosgw) is required when CI=true: " << why;
  GTEST_SKIP() << why;
}

}  // namespace echoes::testing
