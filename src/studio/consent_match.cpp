#include "studio/consent_match.h"

#include <algorithm>

namespace echoes::studio {
namespace {

// Duration-weighted mean and minimum match of the part's words.
PartScore part_score(const align::Alignment& alignment, const StatementPart& part) {
  PartScore score{part.what, -1e9, 0.0};
  double weighted = 0.0;
  double duration_s = 0.0;
  for (std::size_t i = part.first_word; i < part.first_word + part.word_count; ++i) {
    const auto& word = alignment.words[i];
    const double d = std::max(word.end_s - word.start_s, 0.0);
    weighted += d * word.match_per_frame;
    duration_s += d;
    score.worst_word_score = std::min(score.worst_word_score, word.match_per_frame);
  }
  if (duration_s > 0.0) score.match_score = weighted / duration_s;
  return score;
}

}  // namespace

StatementCheck check_statement(const align::Alignment& alignment, const ConsentStatement& statement,
                               double min_part_match_score, double min_word_match_score) {
  StatementCheck check;
  check.match_score = alignment.match_score;
  // Without one aligned word per statement word there is nothing to judge the parts by.
  if (!alignment.matches || alignment.words.size() != statement.word_count) return check;
  for (const StatementPart& part : statement.parts) {
    const PartScore score = part_score(alignment, part);
    check.parts.push_back(score);
    const bool weak = score.match_score < min_part_match_score || score.worst_word_score < min_word_match_score;
    if (weak && !check.weakest) check.weakest = part.what;
  }
  check.heard = !check.weakest;
  return check;
}

}  // namespace echoes::studio
