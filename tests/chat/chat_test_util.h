#pragma once
// Shared setup for the chat tests: a fresh database with two users (SQLite in a temp dir
// unless a location, e.g. a PostgreSQL URI, is given).
#include <memory>
#include <string>

#include "auth/accounts.h"
#include "store/database.h"
#include "support/temp_dir.h"

namespace echoes::testing {

struct TwoUsers {
  explicit TwoUsers(const std::string& location = "")
      : db(std::make_unique<store::Database>(location.empty() ? (dir.path() / "echoes.db").string() : location)) {}

  TempDir dir;
  std::unique_ptr<store::Database> db;
  auth::AccountService accounts{*db};
  auth::AuthResult ann = accounts.register_user("ann@example.org", "correct horse battery", "Ann");
  auth::AuthResult bob = accounts.register_user("bob@example.org", "correct horse battery", "Bob");
};

}  // namespace echoes::testing
