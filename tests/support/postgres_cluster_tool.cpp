// ctest's setup and cleanup fixtures for the shared throwaway PostgreSQL cluster
// (support/postgres_cluster.h): `start <state file>` and `stop <state file>`. Always exits
// 0 so a missing PostgreSQL never blocks the SQLite tests; the PostgreSQL tests then start
// their own cluster, or skip, or fail under CI=true, exactly as when run outside ctest.
#include <cstdio>
#include <string>

#include "support/postgres_cluster.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s start|stop <state file>\n", argv[0]);
    return 2;
  }
  const std::string command = argv[1];
  const std::string state = argv[2];
  if (command == "start") {
    std::string why;
    if (echoes::testing::PostgresCluster::start_for_ctest(state, &why)) {
      std::printf("shared PostgreSQL cluster started for this ctest run\n");
    } else {
      std::printf("no shared PostgreSQL cluster: %s\n", why.c_str());
    }
  } else if (command == "stop") {
    echoes::testing::PostgresCluster::stop_for_ctest(state);
  } else {
    return 2;
  }
  return 0;
}
