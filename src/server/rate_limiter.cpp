#include "server/rate_limiter.h"

#include <algorithm>
#include <cmath>

#include "store/clock.h"

namespace echoes::server {
namespace {

constexpr unsigned kForgetEvery = 1000;  // calls between deletions of full buckets

int whole_seconds(double seconds) { return std::max(1, static_cast<int>(std::ceil(seconds))); }

}  // namespace

RateLimit per_minute(double tokens_per_minute) {
  const double rate = std::max(tokens_per_minute, 0.1);
  return RateLimit{rate, rate / 60.0};
}

RateLimiter::RateLimiter(store::Database& db, std::string name, RateLimit limit)
    : buckets_(db), prefix_(std::move(name) + ":"), limit_(limit) {}

RateLimiter::RateLimiter(RateLimiter&& other) noexcept
    : buckets_(other.buckets_), prefix_(std::move(other.prefix_)), limit_(other.limit_), calls_(other.calls_.load()) {}

bool RateLimiter::try_acquire(const std::string& key, double* retry_after_s, double cost) {
  const double now_s = store::unix_now_s();
  forget_full_now_and_then(now_s);
  const auto wait_s = buckets_.try_take(prefix_ + key, cost, limit_, now_s);
  if (wait_s && retry_after_s) *retry_after_s = *wait_s;
  return !wait_s;
}

void RateLimiter::charge(const std::string& key, double amount) {
  buckets_.charge(prefix_ + key, amount, limit_, store::unix_now_s());
}

void RateLimiter::forget_full_now_and_then(double now_s) {
  if (++calls_ % kForgetEvery == 0) buckets_.forget_full(prefix_, limit_, now_s);
}

int RateLimited::retry_after_s() const { return whole_seconds(retry_after_s_); }

void refuse(const std::string& what_happened, double retry_after_s) {
  throw RateLimited(what_happened + ". Please wait " + std::to_string(whole_seconds(retry_after_s)) +
                        " seconds and try again.",
                    retry_after_s);
}

void enforce(RateLimiter& limiter, const std::string& key, const std::string& what) {
  double retry_after_s = 0;
  if (!limiter.try_acquire(key, &retry_after_s)) refuse("Too many " + what + " in a short time", retry_after_s);
}

}  // namespace echoes::server
