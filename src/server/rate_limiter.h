#pragma once
// Token-bucket rate limits per key (e.g. "synthesize:<user id>", "login:<email>|<ip>").
// In memory: limits reset when the server restarts, which is acceptable for abuse control.
#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "common/error.h"

namespace echoes::server {

struct RateLimit {
  double capacity = 10;       // burst size, in tokens (requests, or seconds of audio)
  double refill_per_s = 1.0;  // sustained rate, tokens per second
};

/// A bucket that holds a minute's worth of tokens and refills at the per-minute rate.
RateLimit per_minute(double tokens_per_minute);

class RateLimiter {
 public:
  explicit RateLimiter(RateLimit limit) : limit_(limit) {}

  /// Takes `cost` tokens for `key`; false (and the seconds until they are there) when
  /// fewer are left. A cost of 0 asks only whether the bucket is out of debt.
  bool try_acquire(const std::string& key, double* retry_after_s = nullptr, double cost = 1.0);

  /// Takes `amount` tokens whatever is left, for use measured after the fact: the bucket
  /// may go into debt, which later acquisitions wait out.
  void charge(const std::string& key, double amount);

 private:
  struct Bucket {
    double tokens;
    double updated_s;
  };
  /// The key's bucket refilled up to now; the caller holds mutex_.
  Bucket& refilled(const std::string& key);

  RateLimit limit_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

/// The error for a request over a limit: code rate_limited (429), with the seconds after
/// which a retry can succeed (sent as Retry-After).
class RateLimited : public Error {
 public:
  RateLimited(const std::string& message, double retry_after_s)
      : Error(error_code::kRateLimited, message), retry_after_s_(retry_after_s) {}
  /// Whole seconds, at least 1.
  int retry_after_s() const;

 private:
  double retry_after_s_;
};

/// Throws RateLimited: "<what_happened>. Please wait N seconds and try again."
[[noreturn]] void refuse(const std::string& what_happened, double retry_after_s);

/// Throws RateLimited with a plain message when `key` is over its limit.
void enforce(RateLimiter& limiter, const std::string& key, const std::string& what);

}  // namespace echoes::server
