#include "studio/consent_match.h"

#include <algorithm>

namespace echoes::studio {
namespace {

// Duration-weighted mean match of words [first, first + count).
double part_score(const align::Alignment& alignment, const StatementPart& part) {
  double weighted = 0.0;
  double duration_s = 0.0;
  for (std::size_t i = part.first_word; i < part.first_word + part.word_count; ++i) {
    const auto& word = alignment.words[i];
    const double d = std::max(word.end_s - word.start_s, 0.0);
    weighted += d * word.match_per_frame;
    duration_s += d;
  }
  return duration_s > 0.0 ? weighted / duration_s : -1e9;
}

}  // namespace

StatementCheck check_statement(const align::Alignment& alignment, const ConsentStatement& statement,
                               double min_part_match_score) {
  StatementCheck check;
  check.match_score = alignment.match_score;
  // Without one aligned word per statement word there is nothing to judge the parts by.
  if (!alignment.matches || alignment.words.size() != statement.word_count) return check;
  for (const StatementPart& part : statement.parts) {
    const double score = part_score(alignment, part);
    check.parts.push_back({part.what, score});
    if (score < min_part_match_score && !check.weakest) check.weakest = part.what;
  }
  check.heard = !check.weakest;
  return check;
}

}  // namespace echoes::studio
