#pragma once
// Password hashing with argon2id (libsodium crypto_pwhash_str_alg). The hash
// string is self-describing (algorithm, cost, salt), so settings can change
// later without breaking stored hashes.
#include <string>
#include <string_view>

namespace echoes::auth {

enum class PasswordCost {
  kInteractive,  // OPSLIMIT/MEMLIMIT_INTERACTIVE: 64 MiB, ~0.09 s on the project machine
  kModerate,     // OPSLIMIT/MEMLIMIT_MODERATE: 256 MiB, ~0.8 s
};

struct PasswordHashOptions {
  PasswordCost cost = PasswordCost::kInteractive;
};

/// argon2id hash string of `password` with a fresh random salt.
/// Throws kInternal when the memory for hashing cannot be allocated.
std::string hash_password(std::string_view password, const PasswordHashOptions& options = {});

/// True when `password` matches `hash` (a string from hash_password). False for
/// a wrong password or a malformed hash; never throws for bad input.
bool verify_password(std::string_view password, const std::string& hash);

/// True when `hash` was made with different settings than `options` and
/// should be replaced after the next successful login.
bool password_needs_rehash(const std::string& hash, const PasswordHashOptions& options = {});

}  // namespace echoes::auth
