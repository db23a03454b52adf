#pragma once
// Token-bucket rate limits per key (e.g. a user id, "login:<email>"). The buckets live in the
// database (store/rate_bucket_repository.h), so a limit holds across every API node sharing
// it and across restarts.
#include <atomic>
#include <string>

#include "common/error.h"
#include "store/rate_bucket_repository.h"

namespace echoes::server {

/// Burst size (tokens: requests, or seconds of audio) and sustained rate (tokens per second).
using RateLimit = store::BucketLimit;

/// A bucket that holds a minute's worth of tokens and refills at the per-minute rate.
RateLimit per_minute(double tokens_per_minute);

class RateLimiter {
 public:
  /// The limiter's buckets are "<name>:<key>" in `db`; `name` tells limiters apart.
  RateLimiter(store::Database& db, std::string name, RateLimit limit);
  RateLimiter(RateLimiter&& other) noexcept;

  /// Takes `cost` tokens for `key`; false (and the seconds until they are there) when
  /// fewer are left. A cost of 0 asks only whether the bucket is out of debt.
  bool try_acquire(const std::string& key, double* retry_after_s = nullptr, double cost = 1.0);

  /// Takes `amount` tokens whatever is left, for use measured after the fact: the bucket
  /// may go into debt, which later acquisitions wait out.
  void charge(const std::string& key, double amount);

 private:
  /// Deletes this limiter's full buckets once every so many calls, so the table does not
  /// grow with every key ever seen.
  void forget_full_now_and_then(double now_s);

  store::RateBucketRepository buckets_;
  std::string prefix_;
  RateLimit limit_;
  std::atomic<unsigned> calls_{0};
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
