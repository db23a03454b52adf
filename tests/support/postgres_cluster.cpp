#include "support/postgres_cluster.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

#include "support/child_process.h"

namespace echoes::testing {
namespace {

namespace fs = std::filesystem;

constexpr uid_t kUnprivilegedId = 65534;  // nobody/nogroup on Debian
constexpr const char* kUser = "echoes";
constexpr const char* kDatabase = "echoes";

bool running_as_root() { return geteuid() == 0; }

bool has_server_programs(const fs::path& bin) { return fs::exists(bin / "initdb") && fs::exists(bin / "pg_ctl"); }

// Newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl, or $ECHOES_PG_BINDIR;
// "" when there is none.
std::string find_bin_dir() {
  if (const char* env = std::getenv("ECHOES_PG_BINDIR"); env && *env) return has_server_programs(env) ? env : "";
  std::string best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const fs::path bin = entry.path() / "bin";
    if (!has_server_programs(bin)) continue;
    const int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version) best_version = version, best = bin.string();
  }
  return best;
}

// The command prefix that drops root for the server programs.
std::vector<std::string> as_postgres_user() {
  if (!running_as_root()) return {};
  return {"setpriv", "--reuid=" + std::to_string(kUnprivilegedId), "--regid=" + std::to_string(kUnprivilegedId),
          "--clear-groups", "--"};
}

int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

// Runs SQL on the cluster as the superuser; throws with the server's message on failure.
void execute(int port, const std::string& database, const std::string& sql) {
  const std::string conninfo = "host=127.0.0.1 port=" + std::to_string(port) + " user=" + kUser +
                               " dbname=" + database + " connect_timeout=10";
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
}

PostgresCluster* g_cluster = nullptr;

// Stops the shared cluster when the test program ends normally.
class ClusterEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    if (g_cluster) g_cluster->stop();
  }
};
[[maybe_unused]] const auto* const g_environment = ::testing::AddGlobalTestEnvironment(new ClusterEnvironment);

}  // namespace

// The cluster that ctest's setup fixture started for the whole run ($ECHOES_TEST_PG_STATE
// names its state file: "<port> <folder>"), or null when there is none that answers.
std::unique_ptr<PostgresCluster> PostgresCluster::attach_to_ctest_cluster() {
  const char* state_path = std::getenv("ECHOES_TEST_PG_STATE");
  if (!state_path || !*state_path) return nullptr;
  std::ifstream state(state_path);
  int port = 0;
  std::string dir;
  if (!(state >> port >> dir) || port <= 0) return nullptr;
  try {
    execute(port, kDatabase, "SET search_path = public");
  } catch (const std::exception&) {
    return nullptr;  // stale state: start our own
  }
  auto cluster = std::unique_ptr<PostgresCluster>(new PostgresCluster());
  cluster->port_ = port;
  cluster->dir_ = dir;  // not ours: stop() leaves it to the fixture's cleanup
  return cluster;
}

bool PostgresCluster::start_for_ctest(const std::string& state_path, std::string* why) {
  auto cluster = std::unique_ptr<PostgresCluster>(new PostgresCluster());
  cluster->bin_dir_ = find_bin_dir();
  if (cluster->bin_dir_.empty()) {
    if (why) *why = "PostgreSQL's server programs are not installed";
    return false;
  }
  std::ofstream(state_path).flush();  // exists while the cluster should live
  const std::string keep_while =
      "kill -0 " + std::to_string(getppid()) + " 2>/dev/null && [ -e " + shell_quoted(state_path) + " ]";
  try {
    cluster->start(keep_while);
  } catch (const std::exception& e) {
    if (why) *why = e.what() + file_tail(cluster->dir_ + "/setup.log") + file_tail(cluster->dir_ + "/server.log");
    std::remove(state_path.c_str());  // the watchdog cleans up
    return false;
  }
  std::ofstream(state_path) << cluster->port_ << " " << cluster->dir_ << "\n";
  return true;
}

void PostgresCluster::stop_for_ctest(const std::string& state_path) {
  std::ifstream state(state_path);
  int port = 0;
  std::string dir;
  state >> port >> dir;
  std::remove(state_path.c_str());  // the watchdog sees it gone, stops the server, removes the folder
  for (int i = 0; i < 600 && !dir.empty() && fs::exists(dir); ++i) usleep(100'000);
}

PostgresCluster* PostgresCluster::shared(std::string* why, bool* installed) {
  static std::string failure;
  static bool start_failed = false;
  static bool tried = false;
  if (!tried) {
    tried = true;
    g_cluster = attach_to_ctest_cluster().release();
  }
  if (!g_cluster && !start_failed && failure.empty()) {
    auto cluster = std::unique_ptr<PostgresCluster>(new PostgresCluster());
    cluster->bin_dir_ = find_bin_dir();
    if (cluster->bin_dir_.empty()) {
      failure = "PostgreSQL's server programs are not installed (apt-get install postgresql)";
    } else {
      try {
        cluster->start();
        g_cluster = cluster.release();
      } catch (const std::exception& e) {
        failure = std::string("the throwaway PostgreSQL cluster did not start: ") + e.what() +
                  file_tail(cluster->dir_ + "/setup.log") + file_tail(cluster->dir_ + "/server.log");
        start_failed = true;
      }
    }
  }
  if (!g_cluster && why) *why = failure;
  if (installed) *installed = g_cluster || start_failed;
  return g_cluster;
}

void PostgresCluster::start(const std::string& keep_while) {
  // As root, /tmp rather than $TMPDIR: the unprivileged user must be able to reach the folder.
  const fs::path base = running_as_root() ? fs::path("/tmp") : fs::temp_directory_path();
  std::string pattern = (base / "echoes-pg-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  if (running_as_root() && chown(dir_.c_str(), kUnprivilegedId, kUnprivilegedId) != 0) {
    throw std::runtime_error("cannot hand the cluster folder to the unprivileged user");
  }
  chmod(dir_.c_str(), 0700);

  // The watchdog first, so the folder goes even if initdb fails or this process dies.
  std::string prefix;
  for (const auto& part : as_postgres_user()) prefix += part + " ";
  const std::string cleanup = prefix + shell_quoted(bin_dir_ + "/pg_ctl") + " -D " + shell_quoted(dir_ + "/data") +
                              " -m immediate -w stop >/dev/null 2>&1; rm -rf " + shell_quoted(dir_);
  watchdog_ = std::make_unique<Watchdog>(cleanup, keep_while);

  const std::string log = dir_ + "/setup.log";
  auto initdb = as_postgres_user();
  for (const std::string& arg : {bin_dir_ + "/initdb", std::string("-D"), dir_ + "/data", std::string("-U"),
                                 std::string(kUser), std::string("-A"), std::string("trust"), std::string("-E"),
                                 std::string("UTF8"), std::string("--no-locale"), std::string("--no-sync")}) {
    initdb.push_back(arg);
  }
  if (run_logged(initdb, log) != 0) throw std::runtime_error("initdb failed");

  for (int attempt = 0; attempt < 3 && port_ == 0; ++attempt) {
    const int port = free_loopback_port();
    const std::string options = "-p " + std::to_string(port) + " -k " + dir_ +
                                " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                                " -c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB";
    auto pg_ctl = as_postgres_user();
    for (const std::string& arg : {bin_dir_ + "/pg_ctl", std::string("-D"), dir_ + "/data", std::string("-l"),
                                   dir_ + "/server.log", std::string("-w"), std::string("-t"), std::string("60"),
                                   std::string("-o"), options, std::string("start")}) {
      pg_ctl.push_back(arg);
    }
    if (run_logged(pg_ctl, log) == 0) port_ = port;
  }
  if (port_ == 0) throw std::runtime_error("pg_ctl start failed");
  execute(port_, "postgres", std::string("CREATE DATABASE ") + kDatabase);
}

std::string PostgresCluster::fresh_database_url() {
  const std::string schema = "t" + std::to_string(getpid()) + "_" + std::to_string(++schemas_);
  execute(port_, kDatabase, "CREATE SCHEMA " + schema);
  return "postgresql://" + std::string(kUser) + "@127.0.0.1:" + std::to_string(port_) + "/" + kDatabase +
         "?options=-csearch_path%3D" + schema;
}

void PostgresCluster::stop() {
  if (watchdog_) watchdog_->stop();  // it stops the server and removes the folder
}

PostgresCluster::~PostgresCluster() { stop(); }

void require_postgres(std::string& url) {
  std::string why;
  bool installed = false;
  PostgresCluster* cluster = PostgresCluster::shared(&why, &installed);
  if (cluster) {
    url = cluster->fresh_database_url();
    return;
  }
  if (installed) FAIL() << why;  // installed but broken: never hidden as a skip
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") FAIL() << "PostgreSQL is required when CI=true: " << why;
  GTEST_SKIP() << why;
}

}  // namespace echoes::testing
