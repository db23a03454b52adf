#include "common/checksum.h"

#include <bit>
#include <cstring>

namespace echoes {
namespace {

constexpr std::uint64_t kPrime = 0x9E3779B97F4A7C15ull;  // odd: multiplying by it is invertible
constexpr std::uint64_t kAdd = 0xD6E8FEB86659FD93ull;

std::uint64_t mix(std::uint64_t h, std::uint64_t word) { return std::rotl((h ^ word) * kPrime, 29) + kAdd; }

}  // namespace

std::uint64_t checksum64(std::span<const std::uint8_t> bytes) {
  std::uint64_t h = mix(0x243F6A8885A308D3ull, bytes.size());
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    h = mix(h, word);
  }
  if (i < bytes.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, bytes.size() - i);
    h = mix(h, word);
  }
  return mix(h, 0);
}

}  // namespace echoes
