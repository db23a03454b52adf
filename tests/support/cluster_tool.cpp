// ctest's setup and cleanup fixtures for the shared throwaway servers: a PostgreSQL cluster
// (support/postgres_cluster.h) and a Ceph cluster with its S3 gateway (support/ceph_cluster.h).
//   echoes_test_cluster postgres|ceph start|stop <state file>
// Always exits 0 so a missing server never blocks the other tests; the tests that need it
// then start their own, or skip, or fail under CI=true, exactly as when run outside ctest.
#include <cstdio>
#include <string>

#include "support/ceph_cluster.h"
#include "support/postgres_cluster.h"

namespace {

using echoes::testing::CephCluster;
using echoes::testing::PostgresCluster;

// Starts the named server for the whole ctest run and says what happened.
void start(const std::string& server, const std::string& state) {
  std::string why;
  const bool started = server == "postgres" ? PostgresCluster::start_for_ctest(state, &why)
                                            : CephCluster::start_for_ctest(state, &why);
  if (started) {
    std::printf("shared %s cluster started for this ctest run\n", server.c_str());
  } else {
    std::printf("no shared %s cluster: %s\n", server.c_str(), why.c_str());
  }
}

void stop(const std::string& server, const std::string& state) {
  if (server == "postgres") {
    PostgresCluster::stop_for_ctest(state);
  } else {
    CephCluster::stop_for_ctest(state);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string server = argc == 4 ? argv[1] : "";
  const std::string command = argc == 4 ? argv[2] : "";
  if ((server != "postgres" && server != "ceph") || (command != "start" && command != "stop")) {
    std::fprintf(stderr, "usage: %s postgres|ceph start|stop <state file>\n", argv[0]);
    return 2;
  }
  if (command == "start") start(server, argv[3]);
  if (command == "stop") stop(server, argv[3]);
  return 0;
}
