#pragma once
// UTF-8 text as people count it: limits stated in "characters" count code points, not bytes.
#include <cstddef>
#include <optional>
#include <string_view>

namespace echoes {

/// Decodes the code point starting at byte `pos` (< text.size()) and moves `pos` past it.
/// A malformed sequence (stray continuation byte, overlong form, surrogate, value over
/// U+10FFFF, truncated end) gives nullopt and moves `pos` by one byte, so a loop always ends.
std::optional<char32_t> next_code_point(std::string_view text, std::size_t& pos);

/// True when `text` is well-formed UTF-8 (no stray continuation bytes, overlong forms,
/// surrogates or code points above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// Number of characters (code points) in `text`: every byte that is not a continuation
/// byte starts one. For invalid UTF-8 this counts each stray lead byte as a character.
std::size_t utf8_char_count(std::string_view text);

}  // namespace echoes
