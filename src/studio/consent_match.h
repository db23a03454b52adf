#pragma once
// Was the consent statement actually read? The aligner's verdict (align::Alignment::matches)
// judges the whole recording, where a different name or date is only a few words among
// twenty and barely moves the score. So each personal part (name, month, day, year) must
// also be heard on its own: the duration-weighted mean of its words' match_per_frame must
// reach kMinPartMatchScore, and none of its words may score below kMinWordMatchScore (one
// changed word in a three-word year hardly moves the mean). Measurements: docs/consent.md.
#include <optional>
#include <string>
#include <vector>

#include "align/alignment.h"
#include "studio/consent_text.h"

namespace echoes::studio {

/// Lowest mean log-likelihood ratio (nats per frame) of a statement part's words. On
/// Kathleen's real readings 0.6% of 2-word stretches score below it; another name scores
/// -2.1 to -4.8, another month -3.7 to -5.4 (flite voices, docs/consent.md).
inline constexpr double kMinPartMatchScore = -2.5;
/// Lowest match_per_frame of any single word of a part. Kathleen's real words: 1% below
/// -3.3; a substituted word scores -2.3 to -9 (most below -4.5).
inline constexpr double kMinWordMatchScore = -4.5;

struct PartScore {
  std::string what;               ///< StatementPart::what
  double match_score = 0.0;       ///< duration-weighted mean of its words, nats per frame
  double worst_word_score = 0.0;  ///< lowest match_per_frame among its words
};

struct StatementCheck {
  bool heard = false;                  ///< the aligner matched and every part reached the minimum
  double match_score = 0.0;            ///< align::Alignment::match_score of the whole statement
  std::vector<PartScore> parts;        ///< per part, in reading order (empty when alignment failed)
  std::optional<std::string> weakest;  ///< the first part below the minimum, if any
};

/// Judges `alignment` (of a recording to statement.text) as described at the top.
StatementCheck check_statement(const align::Alignment& alignment, const ConsentStatement& statement,
                               double min_part_match_score = kMinPartMatchScore,
                               double min_word_match_score = kMinWordMatchScore);

}  // namespace echoes::studio
