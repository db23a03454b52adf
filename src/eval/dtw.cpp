#include "eval/dtw.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.h"

namespace echoes::eval {
namespace {

double frame_distance(std::span<const float> x, std::span<const float> y) {
  double sum = 0.0;
  for (std::size_t d = 0; d < x.size(); ++d) sum += (x[d] - y[d]) * (x[d] - y[d]);
  return std::sqrt(sum);
}

}  // namespace

DtwPath dtw_align(const FeatureMatrix& a, const FeatureMatrix& b) {
  DtwPath path;
  if (a.frames == 0 || b.frames == 0) return path;
  if (a.dims != b.dims) throw Error(error_code::kInvalidArgument, "DTW needs features of the same width.");
  const std::size_t n = a.frames, m = b.frames;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // cost[i * m + j]: cheapest path ending at (i, j); move[]: 0 diagonal, 1 from (i-1, j), 2 from (i, j-1).
  std::vector<double> cost(n * m, kInf);
  std::vector<unsigned char> move(n * m, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < m; ++j) {
      const double d = frame_distance(a.row(i), b.row(j));
      if (i == 0 && j == 0) {
        cost[0] = d;
        continue;
      }
      double best = kInf;
      unsigned char from = 0;
      if (i > 0 && j > 0) best = cost[(i - 1) * m + j - 1];
      if (i > 0 && cost[(i - 1) * m + j] < best) best = cost[(i - 1) * m + j], from = 1;
      if (j > 0 && cost[i * m + j - 1] < best) best = cost[i * m + j - 1], from = 2;
      cost[i * m + j] = best + d;
      move[i * m + j] = from;
    }
  }
  path.total_distance = cost[n * m - 1];
  std::size_t i = n - 1, j = m - 1;
  while (true) {
    path.pairs.emplace_back(i, j);
    if (i == 0 && j == 0) break;
    const unsigned char from = move[i * m + j];
    if (from == 0) --i, --j;
    else if (from == 1) --i;
    else --j;
  }
  std::reverse(path.pairs.begin(), path.pairs.end());
  return path;
}

}  // namespace echoes::eval
