#include "eval/feature_matrix.h"

#include <algorithm>

#include "common/error.h"

namespace echoes::eval {

void append_rows(FeatureMatrix& into, const FeatureMatrix& more) {
  if (more.frames == 0) return;
  if (into.frames == 0) {
    into.dims = more.dims;
  } else if (into.dims != more.dims) {
    throw Error(error_code::kInvalidArgument, "Feature matrices of different widths cannot be joined.");
  }
  into.values.insert(into.values.end(), more.values.begin(), more.values.end());
  into.frames += more.frames;
}

FeatureMatrix every_nth_row(const FeatureMatrix& m, std::size_t step) {
  step = std::max<std::size_t>(step, 1);
  FeatureMatrix out;
  out.dims = m.dims;
  for (std::size_t i = 0; i < m.frames; i += step) {
    const auto r = m.row(i);
    out.values.insert(out.values.end(), r.begin(), r.end());
    ++out.frames;
  }
  return out;
}

}  // namespace echoes::eval
