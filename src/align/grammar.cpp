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

std::string phone_of_pseudo_word(std::string_view pseudo_word) {
  if (pseudo_word.size() < 3 || pseudo_word[1] != '_') return {};
  if (pseudo_word[0] != 'w' && pseudo_word[0] != 'p') return {};
  return std::string(pseudo_word.substr(2));
}

bool is_word_initial(std::string_view pseudo_word) {
  return pseudo_word.size() > 2 && pseudo_word[0] == 'w' && pseudo_word[1] == '_';
}

std::string alignment_grammar(const std::vector<WordPronunciations>& words) {
  const std::string optional_silence = "[" + phone_pseudo_word(kSilencePhone, false) + "] ";
  std::string grammar = "#JSGF V1.0; grammar align; public <utterance> = " + optional_silence;
  for (const WordPronunciations& word : words) {
    grammar += "( ";
    for (std::size_t a = 0; a < word.alternatives.size(); ++a) {
      if (a > 0) grammar += "| ";
      const auto& phones = word.alternatives[a];
      for (std::size_t i = 0; i < phones.size(); ++i) {
        grammar += phone_pseudo_word(phones[i], i == 0) + " ";
      }
    }
    grammar += ") " + optional_silence;
  }
  grammar += ";";
  return grammar;
}

}  // namespace echoes::align
