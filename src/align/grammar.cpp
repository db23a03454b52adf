#include "align/grammar.h"

#include "align/alignment.h"

namespace echoes::align {

const std::vector<std::string>& model_phones() {
  static const std::vector<std::string> phones = {
      "AA", "AE", "AH", "AO", "AW", "AY", "B",  "CH", "D",  "DH", "EH", "ER", "EY", "F",
      "G",  "HH", "IH", "IY", "JH", "K",  "L",  "M",  "N",  "NG", "OW", "OY", "P",  "R",
      "S",  "SH", "SIL", "T", "TH", "UH", "UW", "V",  "W",  "Y",  "Z",  "ZH"};
  return phones;
}

std::string phone_pseudo_word(std::string_view phone, bool word_initial) {
  return std::string(word_initial ? "w_" : "p_") + std::string(phone);
}

std::string sentence_pseudo_word(std::size_t sentence, std::string_view phone) {
  return "s" + std::to_string(sentence) + "_" + std::string(phone);
}

int sentence_of_pseudo_word(std::string_view pseudo_word) {
  const std::size_t underscore = pseudo_word.find('_');
  if (pseudo_word.size() < 4 || pseudo_word[0] != 's' || underscore == std::string_view::npos ||
      underscore < 2 || underscore + 1 >= pseudo_word.size()) {
    return -1;
  }
  int sentence = 0;
  for (std::size_t i = 1; i < underscore; ++i) {
    if (pseudo_word[i] < '0' || pseudo_word[i] > '9' || sentence > 1'000'000) return -1;
    sentence = sentence * 10 + (pseudo_word[i] - '0');
  }
  return sentence;
}

std::string phone_of_pseudo_word(std::string_view pseudo_word) {
  if (sentence_of_pseudo_word(pseudo_word) >= 0) {
    return std::string(pseudo_word.substr(pseudo_word.find('_') + 1));
  }
  if (pseudo_word.size() < 3 || pseudo_word[1] != '_') return {};
  if (pseudo_word[0] != 'w' && pseudo_word[0] != 'p') return {};
  return std::string(pseudo_word.substr(2));
}

bool is_word_initial(std::string_view pseudo_word) {
  if (sentence_of_pseudo_word(pseudo_word) >= 0) return true;
  return pseudo_word.size() > 2 && pseudo_word[0] == 'w' && pseudo_word[1] == '_';
}

namespace {

std::string optional_silence() { return "[" + phone_pseudo_word(kSilencePhone, false) + "] "; }

// "( alternative | alternative ) [silence] "; the first phone named by `first_phone`.
template <typename FirstPhone>
std::string word_rule(const WordPronunciations& word, FirstPhone first_phone) {
  std::string rule = "( ";
  for (std::size_t a = 0; a < word.alternatives.size(); ++a) {
    if (a > 0) rule += "| ";
    const auto& phones = word.alternatives[a];
    for (std::size_t i = 0; i < phones.size(); ++i) {
      rule += (i == 0 ? first_phone(phones[i]) : phone_pseudo_word(phones[i], false)) + " ";
    }
  }
  return rule + ") " + optional_silence();
}

}  // namespace

std::string alignment_grammar(const std::vector<WordPronunciations>& words) {
  std::string grammar = "#JSGF V1.0; grammar align; public <utterance> = " + optional_silence();
  const auto word_initial = [](const std::string& phone) { return phone_pseudo_word(phone, true); };
  for (const WordPronunciations& word : words) grammar += word_rule(word, word_initial);
  grammar += ";";
  return grammar;
}

std::string sentence_grammar(const std::vector<std::vector<WordPronunciations>>& sentences) {
  std::string grammar = "#JSGF V1.0; grammar align; public <utterance> = " + optional_silence();
  const auto word_initial = [](const std::string& phone) { return phone_pseudo_word(phone, true); };
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    if (sentences[s].empty()) continue;
    const auto sentence_initial = [s](const std::string& phone) { return sentence_pseudo_word(s, phone); };
    grammar += "[ " + word_rule(sentences[s].front(), sentence_initial);
    for (std::size_t w = 1; w < sentences[s].size(); ++w) grammar += word_rule(sentences[s][w], word_initial);
    grammar += "] ";
  }
  grammar += ";";
  return grammar;
}

}  // namespace echoes::align
