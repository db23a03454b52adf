#include "server/rate_limiter.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"

namespace echoes::server {
namespace {

double now_s() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// Buckets that have refilled completely carry no information; drop them now and then so
// the map does not grow with every key ever seen.
constexpr std::size_t kPruneAbove = 10000;

}  // namespace

bool RateLimiter::try_acquire(const std::string& key, double* retry_after_s) {
  std::lock_guard lock(mutex_);
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
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return true;
  }
  if (retry_after_s) *retry_after_s = (1.0 - bucket.tokens) / limit_.refill_per_s;
  return false;
}

void enforce(RateLimiter& limiter, const std::string& key, const std::string& what) {
  double retry_after_s = 0;
  if (limiter.try_acquire(key, &retry_after_s)) return;
  throw Error(error_code::kRateLimited, "Too many " + what + " in a short time. Please wait " +
                                            std::to_string(static_cast<int>(std::ceil(retry_after_s))) +
                                            " seconds and try again.");
}

}  // namespace echoes::server
