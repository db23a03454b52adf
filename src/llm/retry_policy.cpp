#include "llm/retry_policy.h"

#include <algorithm>
#include <cmath>

namespace echoes::llm {

double backoff_delay_s(const RetryPolicy& policy, int attempt, double random01) {
  const double base_s = policy.initial_delay_s * std::pow(policy.multiplier, std::max(0, attempt - 1));
  const double capped_s = std::min(policy.max_delay_s, base_s);
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0) * std::clamp(random01, 0.0, 1.0);
  return std::max(0.0, capped_s * (1.0 - jitter));
}

bool is_transient_status(int status) {
  return status == 408 || status == 425 || status == 429 || (status >= 500 && status <= 599);
}

}  // namespace echoes::llm
