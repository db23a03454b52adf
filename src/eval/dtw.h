#pragma once
// Dynamic time warping of two feature sequences (symmetric steps (1,0), (0,1), (1,1),
// Euclidean frame distance), used to pair frames of a synthesized and a real utterance of
// the same text.
#include <cstddef>
#include <utility>
#include <vector>

#include "eval/feature_matrix.h"

namespace echoes::eval {

struct DtwPath {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  ///< (row of a, row of b), in time order
  double total_distance = 0.0;  ///< sum of the frame distances along the path
};

/// Minimum-cost monotonic path from (0, 0) to (a.frames - 1, b.frames - 1). Every row of
/// both sequences appears in at least one pair. Returns an empty path when either is empty.
/// Throws echoes::Error(invalid_argument) when the dims differ.
DtwPath dtw_align(const FeatureMatrix& a, const FeatureMatrix& b);

}  // namespace echoes::eval
