#include "align/transcript.h"

#include "text/sanitize.h"

namespace echoes::align {
namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
}

char to_lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Drops apostrophes at either end: quotes around words are not part of them.
std::string trim_apostrophes(const std::string& token) {
  const auto first = token.find_first_not_of('\'');
  if (first == std::string::npos) return {};
  const auto last = token.find_last_not_of('\'');
  return token.substr(first, last - first + 1);
}

}  // namespace

std::vector<std::string> normalize_transcript(std::string_view text) {
  const std::string clean = text::sanitize_text(text);
  std::vector<std::string> words;
  std::string token;
  auto flush = [&] {
    std::string word = trim_apostrophes(token);
    if (!word.empty()) words.push_back(std::move(word));
    token.clear();
  };
  for (char raw : clean) {
    const char c = to_lower_ascii(raw);
    if (is_word_char(c)) {
      token.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

}  // namespace echoes::align
