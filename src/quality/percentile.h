#pragma once
// Order statistics used by the quality measures.
#include <algorithm>
#include <vector>

namespace echoes::quality {

/// The q-quantile (0..1) of `values` by nearest rank; 0 for an empty input.
/// Takes a copy because it reorders.
inline double percentile(std::vector<float> values, double q) {
  if (values.empty()) return 0.0;
  const auto k = static_cast<std::size_t>(std::clamp(q, 0.0, 1.0) * (values.size() - 1) + 0.5);
  std::nth_element(values.begin(), values.begin() + k, values.end());
  return values[k];
}

}  // namespace echoes::quality
