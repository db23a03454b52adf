#pragma once
// Exponential backoff between attempts at a transient failure (connection refused,
// timeout, HTTP 429/5xx, a stream cut before its first token).
#include <functional>

namespace echoes::llm {

struct RetryPolicy {
  int max_attempts = 3;          ///< attempts per request, including the first
  double initial_delay_s = 0.2;  ///< wait before the 2nd attempt
  double multiplier = 2.0;       ///< each further wait is this much longer
  double max_delay_s = 2.0;      ///< cap on one wait
  double jitter = 0.2;           ///< each wait is shortened by a random 0..jitter fraction
};

/// Seconds to wait after failed attempt number `attempt` (1-based) before the next one:
/// min(max_delay_s, initial_delay_s * multiplier^(attempt-1)) * (1 - jitter * random01),
/// where `random01` in [0, 1) is supplied by the caller (so tests are deterministic).
/// Jitter keeps many clients that failed together from retrying in lockstep.
double backoff_delay_s(const RetryPolicy& policy, int attempt, double random01);

/// True for HTTP statuses worth retrying: 408, 425, 429 and every 5xx. Other 4xx mean the
/// request itself is wrong (bad model name, bad key) and would fail the same way again.
bool is_transient_status(int status);

}  // namespace echoes::llm
