#pragma once
// Random identifiers and secrets from libsodium's CSPRNG.
#include <cstddef>
#include <string>

namespace echoes::store {

/// Initialises libsodium once per process (thread-safe); throws kInternal if it cannot.
void ensure_sodium();

/// A new row id: 128 random bits as 32 lowercase hex characters. Random rather
/// than sequential so ids cannot be enumerated or guessed.
std::string new_id();

/// `byte_count` random bytes.
std::string random_bytes(std::size_t byte_count);

/// Lowercase hex of arbitrary bytes.
std::string to_hex(const std::string& bytes);

/// True when `id` has the shape new_id() produces (32 lowercase hex chars).
bool is_valid_id(const std::string& id);

}  // namespace echoes::store
