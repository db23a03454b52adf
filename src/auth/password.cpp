#include "auth/password.h"

#include <sodium.h>

#include "common/error.h"
#include "store/ids.h"

namespace echoes::auth {
namespace {

struct Limits {
  unsigned long long ops;
  size_t mem_bytes;
};

Limits limits(PasswordCost cost) {
  if (cost == PasswordCost::kModerate) return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

}  // namespace

std::string hash_password(std::string_view password, const PasswordHashOptions& options) {
  store::ensure_sodium();
  const Limits l = limits(options.cost);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), l.ops, l.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw Error(error_code::kInternal, "The password could not be processed, please try again.");
  }
  return std::string(out);
}

bool verify_password(std::string_view password, const std::string& hash) {
  store::ensure_sodium();
  // crypto_pwhash_str_verify reads a NUL-terminated string of at most STRBYTES.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(const std::string& hash, const PasswordHashOptions& options) {
  store::ensure_sodium();
  const Limits l = limits(options.cost);
  if (hash.size() >= crypto_pwhash_STRBYTES) return true;
  return crypto_pwhash_str_needs_rehash(hash.c_str(), l.ops, l.mem_bytes) != 0;
}

}  // namespace echoes::auth
