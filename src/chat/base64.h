#pragma once
// Standard base64 (RFC 4648, with padding), for audio inside JSON and data: URLs.
#include <cstdint>
#include <string>
#include <vector>

namespace echoes::chat {

std::string base64_encode(const std::vector<std::uint8_t>& bytes);

}  // namespace echoes::chat
