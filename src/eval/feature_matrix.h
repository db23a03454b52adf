#pragma once
// A plain row-major matrix of per-frame feature vectors, shared by the GMM code and the
// speaker features (kept free of Eigen so the header stays light).
#include <cstddef>
#include <span>
#include <vector>

namespace echoes::eval {

struct FeatureMatrix {
  std::size_t frames = 0;
  std::size_t dims = 0;
  std::vector<float> values;  ///< values[frame * dims + d]

  std::span<const float> row(std::size_t frame) const {
    return std::span<const float>(values).subspan(frame * dims, dims);
  }
  std::span<float> row(std::size_t frame) {
    return std::span<float>(values).subspan(frame * dims, dims);
  }
  bool empty() const { return frames == 0; }
};

/// Appends the rows of `more` to `into` (which may be empty). Throws echoes::Error
/// (invalid_argument) when both are non-empty and their dims differ.
void append_rows(FeatureMatrix& into, const FeatureMatrix& more);

/// Every `step`-th row of `m` (step >= 1), starting with row 0: a deterministic thinning
/// that keeps training time bounded.
FeatureMatrix every_nth_row(const FeatureMatrix& m, std::size_t step);

}  // namespace echoes::eval
