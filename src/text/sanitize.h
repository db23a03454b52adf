#pragma once
// Makes arbitrary bytes safe for the English front end.
//
// flite's tokenizer works on 8-bit ASCII text and its letter-to-sound rules are
// cheap per letter but unbounded per token, so everything reaching it is first
// reduced to printable ASCII with bounded token lengths.
#include <cstddef>
#include <string>
#include <string_view>

namespace echoes::text {

struct SanitizeOptions {
  /// Tokens (runs without whitespace) longer than this are split with spaces,
  /// so a 5,000-letter "word" becomes many spellable pieces, not one huge one.
  std::size_t max_token_chars = 40;
};

/// Returns printable ASCII text:
/// - UTF-8 is decoded leniently; invalid bytes become spaces;
/// - Latin letters with accents are folded to ASCII ("café" -> "cafe", "ß" -> "ss");
/// - typographic quotes, dashes, ellipsis and no-break spaces get ASCII equivalents;
/// - control characters, emoji and all other symbols become spaces;
/// - whitespace runs collapse to one space; leading/trailing space is trimmed.
std::string sanitize_text(std::string_view input, const SanitizeOptions& options = {});

}  // namespace echoes::text
