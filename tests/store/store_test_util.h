#pragma once
// Shared helpers for the store tests: a fresh database in a temp dir and users.
#include <memory>
#include <string>

#include "store/database.h"
#include "store/user_repository.h"
#include "support/temp_dir.h"

namespace echoes::store::test {

inline std::filesystem::path db_path(const echoes::testing::TempDir& dir) { return dir.path() / "echoes.db"; }

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
