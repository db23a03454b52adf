#include "chat/confidence.h"

#include <algorithm>
#include <cmath>

namespace echoes::chat {

double reply_confidence(const ConfidenceInputs& inputs) {
  const double r = std::clamp(inputs.retrieval_coverage, 0.0, 1.0);
  double c = 0;
  if (inputs.fallback_level == 0) {
    const double m = std::clamp(inputs.mean_token_probability.value_or(0.5), 0.0, 1.0);
    c = 0.3 + 0.4 * r + 0.3 * m;
    if (inputs.truncated) c *= 0.8;
    if (inputs.interrupted) c *= 0.5;
  } else if (inputs.fallback_level == 1) {
    c = 0.5 * r;
  }
  return std::round(std::clamp(c, 0.0, 1.0) * 100.0) / 100.0;
}

}  // namespace echoes::chat
