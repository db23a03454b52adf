#pragma once
// A fast 64-bit checksum for detecting damaged stored data (not a cryptographic hash).
//
// Each 8-byte word w updates the state as h = rotl((h ^ w) * P, 29) + C with an odd P: every
// step is a bijection of h, so changing any one word (any bit flip, any burst within a word)
// always changes the result. The byte count is mixed in, so truncation is caught too.
#include <cstdint>
#include <span>

namespace echoes {

/// Checksum of `bytes` (any length, little-endian words; the last partial word zero-padded).
std::uint64_t checksum64(std::span<const std::uint8_t> bytes);

}  // namespace echoes
