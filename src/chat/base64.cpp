#include "chat/base64.h"

#include <sodium.h>

namespace echoes::chat {

std::string base64_encode(const std::vector<std::uint8_t>& bytes) {
  if (bytes.empty()) return "";
  const std::size_t size = sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(size, '\0');
  sodium_bin2base64(out.data(), size, bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(size - 1);  // drop the terminating NUL
  return out;
}

}  // namespace echoes::chat
