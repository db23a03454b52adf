#include "text/sanitize.h"

#include <cstdint>

#include "common/utf8.h"

namespace echoes::text {
namespace {

constexpr char32_t kInvalid = 0xFFFD;

// ASCII folding of U+00C0..U+00FF; '\0' means "not a letter" (becomes a space).
constexpr const char* kLatin1Fold =
    "AAAAAA\1CEEEEIIII"   // C0-CF (C6 = AE)
    "DNOOOOO\0OUUUUY\2\3"  // D0-DF (D7 = multiplication sign, DE = TH, DF = ss)
    "aaaaaa\4ceeeeiiii"   // E0-EF (E6 = ae)
    "dnooooo\0ouuuuy\5y";  // F0-FF (F7 = division sign, FE = th)

// Returns the ASCII replacement of one code point (may be empty = space).
std::string fold(char32_t cp) {
  if (cp >= 0x20 && cp < 0x7F) return std::string(1, static_cast<char>(cp));
  if (cp >= 0xC0 && cp <= 0xFF) {
    const char c = kLatin1Fold[cp - 0xC0];
    switch (c) {
      case '\0': return " ";
      case '\1': return "AE";
      case '\2': return "TH";
      case '\3': return "ss";
      case '\4': return "ae";
      case '\5': return "th";
      default: return std::string(1, c);
    }
  }
  switch (cp) {
    case 0x0152: return "OE";
    case 0x0153: return "oe";
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x2033: return "\"";
    case 0x2010: case 0x2011: return "-";
    case 0x2013: case 0x2014: case 0x2015: case 0x2212: return " - ";
    case 0x2026: return "...";
    default: return " ";  // control characters, no-break spaces, emoji, other scripts
  }
}

bool is_space(char c) { return c == ' '; }

}  // namespace

std::string sanitize_text(std::string_view input, const SanitizeOptions& options) {
  const std::size_t max_token = options.max_token_chars > 0 ? options.max_token_chars : 1;
  std::string out;
  out.reserve(input.size());
  std::size_t token_len = 0;
  auto put = [&](char c) {
    if (is_space(c)) {
      if (!out.empty() && !is_space(out.back())) out.push_back(' ');
      token_len = 0;
      return;
    }
    if (token_len == max_token) {  // break over-long tokens into spellable pieces
      out.push_back(' ');
      token_len = 0;
    }
    out.push_back(c);
    ++token_len;
  };
  std::size_t pos = 0;
  while (pos < input.size()) {
    const char32_t cp = next_code_point(input, pos).value_or(kInvalid);
    for (char c : fold(cp)) put(c);
  }
  while (!out.empty() && is_space(out.back())) out.pop_back();
  return out;
}

}  // namespace echoes::text
