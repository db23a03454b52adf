#pragma once
// Shared helpers for the store tests: a fresh database on either backend (a SQLite file
// in a temp dir, or a new schema in the binary's throwaway PostgreSQL cluster) and users.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/database.h"
#include "store/user_repository.h"
#include "support/backends.h"
#include "support/temp_dir.h"

namespace echoes::store::test {

inline std::filesystem::path db_path(const echoes::testing::TempDir& dir) { return dir.path() / "echoes.db"; }

using echoes::testing::Backend;

/// Where a fresh, empty test database lives on `backend` (see support/backends.h).
inline std::string fresh_location(Backend backend, const echoes::testing::TempDir& dir) {
  return echoes::testing::fresh_database_location(backend, dir);
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
