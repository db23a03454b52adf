#pragma once
// Shared setup for the chat tests: a fresh database with two users.
#include <memory>

#include "auth/accounts.h"
#include "store/database.h"
#include "support/temp_dir.h"

namespace echoes::testing {

struct TwoUsers {
  TempDir dir;
  std::unique_ptr<store::Database> db = std::make_unique<store::Database>(dir.path() / "echoes.db");
  auth::AccountService accounts{*db};
  auth::AuthResult ann = accounts.register_user("ann@example.org", "correct horse battery", "Ann");
  auth::AuthResult bob = accounts.register_user("bob@example.org", "correct horse battery", "Bob");
};

}  // namespace echoes::testing
