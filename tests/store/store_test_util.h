#pragma once
// Shared helpers for the store tests: a fresh database on either backend (a SQLite file
// in a temp dir, or a new schema in the binary's throwaway PostgreSQL cluster) and users.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/database.h"
#include "store/user_repository.h"
#include "support/postgres_cluster.h"
#include "support/temp_dir.h"

namespace echoes::store::test {

inline std::filesystem::path db_path(const echoes::testing::TempDir& dir) { return dir.path() / "echoes.db"; }

enum class Backend { kSqlite, kPostgres };

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

/// Where a fresh, empty test database lives on `backend`. "" when PostgreSQL is not
/// available: the test is then marked skipped (failed under CI=true) and must return.
inline std::string fresh_location(Backend backend, const echoes::testing::TempDir& dir) {
  if (backend == Backend::kSqlite) return db_path(dir).string();
  std::string url;
  echoes::testing::require_postgres(url);
  return url;
}

/// A fixture with a fresh, migrated database on the parameter's backend. Derived SetUp()s
/// call this one first and return when `db` is null.
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    location = fresh_location(GetParam(), dir);
    if (!location.empty()) db = std::make_unique<Database>(location);
  }

  echoes::testing::TempDir dir;
  std::string location;
  std::unique_ptr<Database> db;
};

/// Inserts a user with a placeholder hash (the store does not check hashes).
inline User make_user(Database& db, const std::string& email) {
  return UserRepository(db).create(email, "Test " + email, "$argon2id$placeholder");
}

/// Counts rows of a table (the name is a test constant, not user input).
inline int count_rows(Database& db, const std::string& table) {
  auto st = db.connection().prepare("SELECT COUNT(*) FROM " + table);
  st.step();
  return static_cast<int>(st.column_int64(0));
}

}  // namespace echoes::store::test

/// Runs a BackendTest-derived suite on SQLite and on PostgreSQL.
#define ECHOES_ON_BOTH_BACKENDS(Suite)                                                                       \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                                   \
                           ::testing::Values(::echoes::store::test::Backend::kSqlite,                         \
                                             ::echoes::store::test::Backend::kPostgres),                      \
                           ::echoes::store::test::backend_name)
