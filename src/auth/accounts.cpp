#include "auth/accounts.h"

#include <sodium.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "auth/email.h"
#include "common/error.h"
#include "common/utf8.h"
#include "store/audit_log.h"
#include "store/clock.h"
#include "store/file_store.h"
#include "store/ids.h"
#include "store/known_device_repository.h"
#include "store/session_repository.h"
#include "store/user_repository.h"

namespace echoes::auth {
namespace {

constexpr size_t kTokenBytes = 32;
constexpr size_t kTokenChars = 43;  // base64url of 32 bytes, no padding
constexpr const char* kBadLogin = "Email or password is incorrect.";
constexpr const char* kSignIn = "Please sign in to continue.";
constexpr const char* kExpired = "Your session has expired, please sign in again.";

std::string new_token() {
  const std::string bytes = store::random_bytes(kTokenBytes);
  std::string out(sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(kTokenChars);  // drop the NUL terminator
  return out;
}

bool token_shape_ok(std::string_view token) {
  if (token.size() != kTokenChars) return false;
  for (char c : token) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

std::string checked_name(std::string_view name, size_t max_bytes) {
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
  if (name.empty()) throw Error(error_code::kInvalidArgument, "Please enter your name.");
  if (name.size() > max_bytes) throw Error(error_code::kInvalidArgument, "Your name is too long.");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) throw Error(error_code::kInvalidArgument, "Your name contains invalid characters.");
  }
  return std::string(name);
}

void check_password(std::string_view password, const AccountOptions& options) {
  if (utf8_char_count(password) < options.min_password_chars) {
    throw Error(error_code::kInvalidArgument,
                "Your password must be at least " + std::to_string(options.min_password_chars) + " characters.");
  }
  if (password.size() > options.max_password_bytes) {
    throw Error(error_code::kInvalidArgument, "Your password is too long.");
  }
}

}  // namespace

std::string hash_token(std::string_view token) { return store::sha256_hex(token); }

AccountService::AccountService(store::Database& db, AccountOptions options) : db_(db), options_(std::move(options)) {}

double AccountService::now_s() const { return options_.clock ? options_.clock() : store::unix_now_s(); }

const std::string& AccountService::dummy_hash() {
  std::call_once(dummy_once_, [this] { dummy_hash_ = hash_password(new_token(), options_.password); });
  return dummy_hash_;
}

AuthResult AccountService::start_session(const store::User& user) {
  AuthResult result{new_token(), user, 0};
  const double now = now_s();
  result.expires_at = now + options_.token_ttl_s;
  store::SessionRepository(db_).create({hash_token(result.token), user.id, now, result.expires_at, std::nullopt});
  return result;
}

AuthResult AccountService::register_user(std::string_view email, std::string_view password, std::string_view name) {
  const std::string normalized = normalize_email(email);
  if (!is_valid_email(normalized)) throw Error(error_code::kInvalidArgument, "Please enter a valid email address.");
  check_password(password, options_);
  const std::string clean_name = checked_name(name, options_.max_name_bytes);
  const std::string hash = hash_password(password, options_.password);  // slow: outside the transaction

  store::Transaction tx(db_.connection());
  store::User user;
  try {
    user = store::UserRepository(db_).create(normalized, clean_name, hash);
  } catch (const Error& e) {
    if (e.code() == error_code::kConflict) {
      throw Error(error_code::kConflict, "An account with this email already exists.");
    }
    throw;
  }
  AuthResult result = start_session(user);
  store::AuditLog(db_).record(user.id, "auth.register", user.id);
  tx.commit();
  return result;
}

AuthResult AccountService::login(std::string_view email, std::string_view password) {
  const std::string normalized = normalize_email(email);
  store::UserRepository users(db_);
  std::optional<store::UserCredentials> found;
  if (is_valid_email(normalized)) found = users.find_credentials(normalized);
  const bool length_ok = password.size() <= options_.max_password_bytes;

  // Verify against a dummy hash when the email is unknown so both failures
  // cost about the same time and do not reveal which emails have accounts.
  const bool ok = length_ok && verify_password(password, found ? found->password_hash : dummy_hash()) && found;
  if (!ok) {
    const nlohmann::json detail = {{"reason", found ? "wrong_password" : "unknown_email"}};
    std::optional<std::string> user_id;
    if (found) user_id = found->user.id;
    store::AuditLog(db_).record(user_id, "auth.login_failed", normalized.substr(0, 254), detail.dump());
    throw Error(error_code::kUnauthorized, kBadLogin);
  }
  if (password_needs_rehash(found->password_hash, options_.password)) {
    users.set_password_hash(found->user.id, hash_password(password, options_.password));
  }
  store::Transaction tx(db_.connection());
  AuthResult result = start_session(found->user);
  store::AuditLog(db_).record(found->user.id, "auth.login", found->user.id);
  tx.commit();
  return result;
}

bool AccountService::logout(std::string_view token) {
  if (!token_shape_ok(token)) return false;
  store::SessionRepository sessions(db_);
  const std::string token_hash = hash_token(token);
  store::Transaction tx(db_.connection());
  const auto session = sessions.find(token_hash);
  if (!session || !sessions.revoke(token_hash, now_s())) return false;
  store::AuditLog(db_).record(session->user_id, "auth.logout", session->user_id);
  tx.commit();
  return true;
}

int AccountService::logout_everywhere(const std::string& user_id) {
  store::Transaction tx(db_.connection());
  const int revoked = store::SessionRepository(db_).revoke_all_for_user(user_id, now_s());
  store::AuditLog(db_).record(user_id, "auth.logout_everywhere", user_id,
                              nlohmann::json{{"sessions", revoked}}.dump());
  tx.commit();
  return revoked;
}

store::User AccountService::authenticate(std::string_view token) {
  if (!token_shape_ok(token)) throw Error(error_code::kUnauthorized, kSignIn);
  const auto session = store::SessionRepository(db_).find(hash_token(token));
  if (!session || session->revoked_at) throw Error(error_code::kUnauthorized, kSignIn);
  if (session->expires_at <= now_s()) throw Error(error_code::kUnauthorized, kExpired);
  auto user = store::UserRepository(db_).find_by_id(session->user_id);
  if (!user) throw Error(error_code::kUnauthorized, kSignIn);
  return *user;
}

int AccountService::purge_sessions() { return store::SessionRepository(db_).purge(now_s()); }

std::string AccountService::remember_device(const std::string& user_id, std::optional<std::string_view> device_token) {
  store::KnownDeviceRepository devices(db_);
  const double now = now_s();
  const bool mine = device_token && token_shape_ok(*device_token) &&
                    devices.owner(hash_token(*device_token), now - options_.known_device_ttl_s) == user_id;
  const std::string token = mine ? std::string(*device_token) : new_token();
  devices.remember(hash_token(token), user_id, now, options_.known_devices_per_user);
  return token;
}

bool AccountService::is_known_device(std::string_view device_token, std::string_view email) {
  if (!token_shape_ok(device_token)) return false;
  const auto owner =
      store::KnownDeviceRepository(db_).owner(hash_token(device_token), now_s() - options_.known_device_ttl_s);
  if (!owner) return false;
  const auto user = store::UserRepository(db_).find_by_email(normalize_email(email));
  return user && user->id == *owner;
}

}  // namespace echoes::auth
