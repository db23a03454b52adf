#include "store/ids.h"

#include <sodium.h>

#include <mutex>

#include "common/error.h"

namespace echoes::store {

void ensure_sodium() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] { ok = sodium_init() >= 0; });
  if (!ok) throw Error(error_code::kInternal, "The cryptography library could not be initialised.");
}

std::string random_bytes(std::size_t byte_count) {
  ensure_sodium();
  std::string bytes(byte_count, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  return bytes;
}

std::string to_hex(const std::string& bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  hex.pop_back();  // the terminating NUL written by sodium_bin2hex
  return hex;
}

std::string new_id() { return to_hex(random_bytes(16)); }

bool is_valid_id(const std::string& id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace echoes::store
