#pragma once
// Accounts and sessions: register, login, logout, and turning a bearer token
// into the signed-in user.
//
// Tokens are 32 random bytes, base64url without padding (43 characters). Only
// their SHA-256 is stored, so a leaked database does not leak live sessions.
// Messages are deliberately generic: login never says whether the email
// exists, and an unknown or revoked token reads the same as no token.
// Thread-safe (uses the calling thread's database connection).
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "auth/password.h"
#include "store/database.h"
#include "store/records.h"

namespace echoes::auth {

struct AccountOptions {
  double token_ttl_s = 7 * 24 * 3600.0;  // a session lasts a week, then the person signs in again
  size_t min_password_chars = 8;         // UTF-8 characters
  size_t max_password_bytes = 1024;      // bounds the hashing work per request
  size_t max_name_bytes = 100;
  PasswordHashOptions password;
  /// Current unix time in seconds; tests inject a fake clock. Empty = system clock.
  std::function<double()> clock;
  double known_device_ttl_s = 365 * 24 * 3600.0;  // a device unseen this long is forgotten
  int known_devices_per_user = 20;                // the most recently seen are kept
};

struct AuthResult {
  std::string token;  // give to the client; never stored
  store::User user;
  double expires_at = 0;  // unix seconds
};

class AccountService {
 public:
  explicit AccountService(store::Database& db, AccountOptions options = {});

  /// Creates an account and signs it in. Email is trimmed and lowercased.
  /// Throws kInvalidArgument (bad email, short/long password, bad name) or
  /// kConflict (email already registered).
  AuthResult register_user(std::string_view email, std::string_view password, std::string_view name);
  /// Throws kUnauthorized "Email or password is incorrect." for an unknown
  /// email or a wrong password (same message, similar time).
  AuthResult login(std::string_view email, std::string_view password);
  /// Revokes the session; false when the token was unknown or already revoked.
  bool logout(std::string_view token);
  /// Revokes every session of the user ("sign out everywhere"); returns how many.
  int logout_everywhere(const std::string& user_id);
  /// The signed-in user. Throws kUnauthorized: "Your session has expired,
  /// please sign in again." for an expired token, "Please sign in to
  /// continue." for an unknown, malformed or revoked one.
  store::User authenticate(std::string_view token);
  /// Deletes sessions that expired or were revoked; returns how many.
  int purge_sessions();

  // Known devices: a client that signed in to an account successfully gets a device token
  // (kept in a cookie; only its SHA-256 is stored). While guessing by others has the
  // account throttled, the owner can still sign in from such a device.
  /// After a successful sign-in: refreshes `device_token` when it is this user's, else
  /// issues a new one. Returns the token for the client to keep.
  std::string remember_device(const std::string& user_id, std::optional<std::string_view> device_token);
  /// True when `device_token` signed in to the account of `email` before (and not too long ago).
  bool is_known_device(std::string_view device_token, std::string_view email);

 private:
  double now_s() const;
  AuthResult start_session(const store::User& user);
  const std::string& dummy_hash();

  store::Database& db_;
  AccountOptions options_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

/// Hex SHA-256 of a bearer token: the sessions table key.
std::string hash_token(std::string_view token);

}  // namespace echoes::auth
