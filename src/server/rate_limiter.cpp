#include "server/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace echoes::server {
namespace {

double now_s() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// Buckets that have refilled completely carry no information; drop them now and then so
// the map does not grow with every key ever seen.
constexpr std::size_t kPruneAbove = 10000;

int whole_seconds(double seconds) { return std::max(1, static_cast<int>(std::ceil(seconds))); }

}  // namespace

RateLimit per_minute(double tokens_per_minute) {
  const double rate = std::max(tokens_per_minute, 0.1);
  return RateLimit{rate, rate / 60.0};
}

RateLimiter::Bucket& RateLimiter::refilled(const std::string& key) {
  const double now = now_s();
  if (buckets_.size() > kPruneAbove) {
    std::erase_if(buckets_, [&](const auto& entry) {
      return entry.second.tokens + (now - entry.second.updated_s) * limit_.refill_per_s >= limit_.capacity;
    });
  }
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{limit_.capacity, now});
  Bucket& bucket = it->second;
  bucket.tokens = std::min(limit_.capacity, bucket.tokens + (now - bucket.updated_s) * limit_.refill_per_s);
  bucket.updated_s = now;
  return bucket;
}

bool RateLimiter::try_acquire(const std::string& key, double* retry_after_s, double cost) {
  std::lock_guard lock(mutex_);
  Bucket& bucket = refilled(key);
  if (bucket.tokens >= cost) {
    bucket.tokens -= cost;
    return true;
  }
  if (retry_after_s) *retry_after_s = (cost - bucket.tokens) / limit_.refill_per_s;
  return false;
}

void RateLimiter::charge(const std::string& key, double amount) {
  std::lock_guard lock(mutex_);
  refilled(key).tokens -= amount;
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
