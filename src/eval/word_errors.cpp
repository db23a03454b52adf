#include "eval/word_errors.h"

#include <algorithm>
#include <regex>

#include "align/transcript.h"

namespace echoes::eval {
namespace {

// One cell of the edit table: total cost and how it splits.
struct Cell {
  std::size_t cost = 0, sub = 0, del = 0, ins = 0;
};

Cell step(const Cell& from, std::size_t sub, std::size_t del, std::size_t ins) {
  return {from.cost + sub + del + ins, from.sub + sub, from.del + del, from.ins + ins};
}

// Fewer errors wins; on a tie, fewer deletions+insertions (i.e. more substitutions).
bool better(const Cell& a, const Cell& b) {
  if (a.cost != b.cost) return a.cost < b.cost;
  return a.del + a.ins < b.del + b.ins;
}

}  // namespace

double WordErrors::rate() const {
  return static_cast<double>(errors()) / static_cast<double>(std::max<std::size_t>(reference_words, 1));
}

WordErrors& WordErrors::operator+=(const WordErrors& other) {
  reference_words += other.reference_words;
  substitutions += other.substitutions;
  deletions += other.deletions;
  insertions += other.insertions;
  return *this;
}

std::vector<std::string> scoring_words(std::string_view text) {
  static const std::regex alternative(R"(\(\d+\))");
  return align::normalize_transcript(std::regex_replace(std::string(text), alternative, ""));
}

WordErrors count_word_errors(const std::vector<std::string>& ref, const std::vector<std::string>& hyp) {
  // Row-by-row dynamic programme: prev[j] is the best alignment of ref[0..i) to hyp[0..j).
  std::vector<Cell> prev(hyp.size() + 1), cur(hyp.size() + 1);
  for (std::size_t j = 1; j <= hyp.size(); ++j) prev[j] = step(prev[j - 1], 0, 0, 1);
  for (std::size_t i = 1; i <= ref.size(); ++i) {
    cur[0] = step(prev[0], 0, 1, 0);
    for (std::size_t j = 1; j <= hyp.size(); ++j) {
      Cell best = step(prev[j - 1], ref[i - 1] == hyp[j - 1] ? 0 : 1, 0, 0);
      if (const Cell del = step(prev[j], 0, 1, 0); better(del, best)) best = del;
      if (const Cell ins = step(cur[j - 1], 0, 0, 1); better(ins, best)) best = ins;
      cur[j] = best;
    }
    std::swap(prev, cur);
  }
  const Cell& end = prev[hyp.size()];
  return {ref.size(), end.sub, end.del, end.ins};
}

WordErrors count_word_errors(std::string_view reference, std::string_view hypothesis) {
  return count_word_errors(scoring_words(reference), scoring_words(hypothesis));
}

}  // namespace echoes::eval
