#pragma once
// Running a test suite on both database backends: embedded SQLite (a file in the test's
// temp dir) and PostgreSQL (a fresh schema in the binary's throwaway cluster).
#include <gtest/gtest.h>

#include <string>

#include "support/postgres_cluster.h"
#include "support/temp_dir.h"

namespace echoes::testing {

enum class Backend { kSqlite, kPostgres };

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

/// Where a fresh, empty database lives on `backend` (a path or a libpq URI). "" when
/// PostgreSQL is not available: the test is then marked skipped (failed under CI=true)
/// and must return.
inline std::string fresh_database_location(Backend backend, const TempDir& dir) {
  if (backend == Backend::kSqlite) return (dir.path() / "echoes.db").string();
  std::string url;
  require_postgres(url);
  return url;
}

}  // namespace echoes::testing

/// Runs a value-parameterised suite (parameter: echoes::testing::Backend) on SQLite and on PostgreSQL.
#define ECHOES_ON_BOTH_BACKENDS(Suite)                                                                    \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                                \
                           ::testing::Values(::echoes::testing::Backend::kSqlite,                          \
                                             ::echoes::testing::Backend::kPostgres),                       \
                           ::echoes::testing::backend_name)
