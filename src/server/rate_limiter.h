#pragma once
// Token-bucket rate limits per key (e.g. "synthesize:<user id>", "login:<email>|<ip>").
// In memory: limits reset when the server restarts, which is acceptable for abuse control.
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace echoes::server {

struct RateLimit {
  double capacity = 10;       // burst size, requests
  double refill_per_s = 1.0;  // sustained rate, requests per second
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimit limit) : limit_(limit) {}

  /// Takes one token for `key`; false (and the seconds until one is free) when empty.
  bool try_acquire(const std::string& key, double* retry_after_s = nullptr);

 private:
  struct Bucket {
    double tokens;
    double updated_s;
  };
  RateLimit limit_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

/// Throws echoes::Error(kRateLimited) with a plain message when `key` is over its limit.
void enforce(RateLimiter& limiter, const std::string& key, const std::string& what);

}  // namespace echoes::server
