#include "text/sentences.h"

#include <array>
#include <cctype>

namespace echoes::text {
namespace {

// Abbreviations that precede a name or number, so a period after them never ends a sentence.
constexpr std::array<std::string_view, 20> kTitleAbbreviations = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "mt", "ave", "lt", "col", "gen",
    "capt", "sgt", "rev", "hon", "vs", "no", "fig"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_terminator(char c) { return c == '.' || c == '!' || c == '?'; }
bool is_closer(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

// Length of a UTF-8 closing quote (’ or ”) at pos, else 0.
std::size_t utf8_closer(std::string_view s, std::size_t pos) {
  if (pos + 2 < s.size() && s[pos] == '\xE2' && s[pos + 1] == '\x80' &&
      (s[pos + 2] == '\x99' || s[pos + 2] == '\x9D')) {
    return 3;
  }
  return 0;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The word right before position `dot` (letters only), e.g. "Dr" for "Dr.".
std::string_view word_before(std::string_view s, std::size_t dot) {
  std::size_t start = dot;
  while (start > 0 && std::isalpha(static_cast<unsigned char>(s[start - 1]))) --start;
  return s.substr(start, dot - start);
}

// True when a period at `dot` belongs to an abbreviation or initial, not a sentence end.
bool period_is_abbreviation(std::string_view s, std::size_t dot, std::size_t next_word) {
  const std::string_view word = word_before(s, dot);
  if (word.size() == 1 && std::isupper(static_cast<unsigned char>(word[0]))) return true;
  const std::string lower = lower_ascii(word);
  for (std::string_view abbr : kTitleAbbreviations) {
    if (lower == abbr) return true;
  }
  return next_word < s.size() && std::islower(static_cast<unsigned char>(s[next_word]));
}

void push_trimmed(std::vector<std::string>& out, std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  if (e > b) out.emplace_back(s.substr(b, e - b));
}

}  // namespace

std::vector<std::string> split_sentences(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '\n') {  // blank line = paragraph break
      std::size_t p = pos + 1;
      while (p < text.size() && (text[p] == ' ' || text[p] == '\t' || text[p] == '\r')) ++p;
      if (p < text.size() && text[p] == '\n') {
        push_trimmed(out, text.substr(start, pos - start));
        start = pos = p;
        continue;
      }
    }
    if (!is_terminator(c)) {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() && is_terminator(text[end])) ++end;
    const bool single_period = c == '.' && end - pos == 1;
    for (;;) {  // closing quotes and brackets stay with their sentence
      if (end < text.size() && is_closer(text[end])) {
        ++end;
      } else if (std::size_t n = utf8_closer(text, end)) {
        end += n;
      } else {
        break;
      }
    }
    const bool followed_by_space = end == text.size() || is_space(text[end]);
    std::size_t next = end;
    while (next < text.size() && is_space(text[next])) ++next;
    if (followed_by_space && !(single_period && period_is_abbreviation(text, pos, next))) {
      push_trimmed(out, text.substr(start, end - start));
      start = end;
    }
    pos = end;
  }
  push_trimmed(out, text.substr(start));
  return out;
}

}  // namespace echoes::text
