#pragma once
// Users table. Emails are compared case-insensitively (COLLATE NOCASE);
// callers pass them already normalized (see auth/email.h).
#include <optional>
#include <string>

#include "store/database.h"
#include "store/records.h"

namespace echoes::store {

/// A user with the stored argon2id hash, for the login check only.
struct UserCredentials {
  User user;
  std::string password_hash;
};

class UserRepository {
 public:
  explicit UserRepository(Database& db) : db_(db) {}

  /// Inserts a user with a new random id. role is "user" or "admin".
  /// Throws kConflict when the email is taken.
  User create(const std::string& email, const std::string& name, const std::string& password_hash,
              const std::string& role = "user");
  std::optional<User> find_by_id(const std::string& user_id);
  std::optional<User> find_by_email(const std::string& email);
  std::optional<UserCredentials> find_credentials(const std::string& email);
  /// Replaces the stored hash (e.g. after a rehash with stronger settings).
  bool set_password_hash(const std::string& user_id, const std::string& password_hash);
  /// Returns false when the user does not exist.
  bool set_role(const std::string& user_id, const std::string& role);

 private:
  Database& db_;
};

}  // namespace echoes::store
