#include "chat/query_terms.h"

#include <algorithm>
#include <set>

namespace echoes::chat {
namespace {

// Question words, pronouns and glue. "you/your" matter: a question to the echo says
// "you" where the memory says "I".
const std::set<std::string, std::less<>>& stopwords() {
  static const std::set<std::string, std::less<>> words = {
      "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before",
      "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from", "had", "has", "have", "he", "her",
      "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "my", "of", "on",
      "or", "our", "she", "so", "some", "tell", "than", "that", "the", "their", "them", "then", "there", "these",
      "they", "this", "to", "up", "us", "was", "we", "were", "what", "when", "where", "which", "who", "whom",
      "why", "will", "with", "would", "you", "your", "yours", "ever", "remember", "please", "us", "out", "one",
      "ll", "re", "ve", "don", "didn", "s", "t", "d", "m"};
  return words;
}

bool is_word_byte(unsigned char ch) { return std::isalnum(ch) || ch >= 0x80; }

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char raw : text) {
    const auto ch = static_cast<unsigned char>(raw);
    if (is_word_byte(ch)) {
      word += static_cast<char>(ch < 0x80 ? std::tolower(ch) : ch);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string_view stem(std::string_view word) { return word.substr(0, 5); }

}  // namespace

std::vector<std::string> content_terms(std::string_view text, std::size_t max_terms) {
  std::vector<std::string> terms;
  for (auto& word : words_of(text)) {
    if (terms.size() >= max_terms) break;
    if (word.size() < 2 || stopwords().count(word)) continue;
    if (std::find(terms.begin(), terms.end(), word) == terms.end()) terms.push_back(std::move(word));
  }
  return terms;
}

std::string fts_any_query(const std::vector<std::string>& terms) {
  std::string query;
  for (const auto& term : terms) {
    if (!query.empty()) query += " OR ";
    query += '"' + term + '"';  // terms hold only word bytes: no quote to escape
  }
  return query;
}

int shared_term_count(const std::vector<std::string>& terms, std::string_view sentence) {
  const auto words = words_of(sentence);
  int count = 0;
  for (const auto& term : terms) {
    const bool found = std::any_of(words.begin(), words.end(), [&](const std::string& w) { return stem(w) == stem(term); });
    count += found ? 1 : 0;
  }
  return count;
}

}  // namespace echoes::chat
