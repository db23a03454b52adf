#include "watermark/pattern.h"

#include <cmath>
#include <numbers>
#include <numeric>

#include <sodium.h>

#include "common/error.h"

namespace echoes::watermark {
namespace {

std::array<unsigned char, crypto_hash_sha256_BYTES> sha256(std::string_view text) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  return digest;
}

// splitmix64's finaliser: a well-mixed 64-bit hash.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// splitmix64: a small, well-mixed generator; the key's hash is its seed.
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() { return mix(state += 0x9E3779B97F4A7C15ull); }
};

// CRC-8, polynomial 0x07 (CRC-8/ATM), over the tag's three bytes.
std::uint8_t crc8(std::uint32_t tag) {
  std::uint8_t crc = 0;
  for (int shift = 16; shift >= 0; shift -= 8) {
    crc ^= static_cast<std::uint8_t>(tag >> shift);
    for (int i = 0; i < 8; ++i) {
      crc = static_cast<std::uint8_t>((crc & 0x80) ? (crc << 1) ^ 0x07 : crc << 1);
    }
  }
  return crc;
}

}  // namespace

KeyedPattern make_pattern(std::string_view key) {
  if (key.empty()) throw Error(error_code::kInvalidArgument, "The watermark key must not be empty.");
  const auto digest = sha256(key);
  std::uint64_t seed = 0;
  for (int i = 0; i < 8; ++i) seed = (seed << 8) | digest[i];
  SplitMix64 rng{seed};
  KeyedPattern pattern;
  pattern.seed = seed;

  std::array<int, layout::kCellCount> order{};
  std::iota(order.begin(), order.end(), 0);
  for (int i = layout::kCellCount - 1; i > 0; --i) {  // Fisher-Yates
    std::swap(order[i], order[static_cast<int>(rng.next() % static_cast<std::uint64_t>(i + 1))]);
  }
  for (int rank = 0; rank < layout::kCellCount; ++rank) {
    pattern.symbol[order[rank]] =
        rank < layout::kSyncCells
            ? std::int8_t{-1}
            : static_cast<std::int8_t>((rank - layout::kSyncCells) % layout::kPayloadSymbols);
  }
  pattern.chips.resize(static_cast<std::size_t>(layout::kFramesPerPeriod) * layout::bin_count());
  for (auto& chip : pattern.chips) {
    const double phase = 2.0 * std::numbers::pi * static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
    chip = {static_cast<float>(std::cos(phase)), static_cast<float>(std::sin(phase))};
  }
  return pattern;
}

std::uint32_t voice_tag(std::string_view voice_id) {
  const auto digest = sha256(voice_id);
  return (std::uint32_t{digest[0]} << 16) | (std::uint32_t{digest[1]} << 8) | digest[2];
}

std::uint32_t payload_word(std::uint32_t tag) {
  if (tag > kMaxTag) throw Error(error_code::kInvalidArgument, "A watermark tag must fit in 24 bits.");
  return (tag << 8) | crc8(tag);
}

bool parse_payload_word(std::uint32_t word, std::uint32_t& tag) {
  const std::uint32_t candidate = word >> 8;
  if (crc8(candidate) != (word & 0xFF)) return false;
  tag = candidate;
  return true;
}

int symbol_sign(const KeyedPattern& pattern, int symbol, int value, int frame_in_period,
                std::size_t bin) {
  const std::uint64_t where = (static_cast<std::uint64_t>(symbol) << 48) ^
                              (static_cast<std::uint64_t>(value) << 32) ^
                              (static_cast<std::uint64_t>(frame_in_period) << 16) ^ bin;
  return (mix(pattern.seed ^ mix(where)) >> 63) ? 1 : -1;
}

}  // namespace echoes::watermark
