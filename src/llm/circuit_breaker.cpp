#include "llm/circuit_breaker.h"

#include <chrono>

namespace echoes::llm {
namespace {

double steady_now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

const char* breaker_state_name(BreakerState state) {
  switch (state) {
    case BreakerState::closed: return "closed";
    case BreakerState::open: return "open";
    case BreakerState::half_open: return "half_open";
  }
  return "closed";
}

CircuitBreaker::CircuitBreaker(BreakerOptions options, std::function<double()> clock_s)
    : options_(options), clock_s_(clock_s ? std::move(clock_s) : steady_now_s) {}

BreakerState CircuitBreaker::state_locked(double now_s) const {
  if (!open_) return BreakerState::closed;
  return now_s - opened_at_s_ >= options_.cool_down_s ? BreakerState::half_open : BreakerState::open;
}

bool CircuitBreaker::allow() {
  std::lock_guard lock(mutex_);
  switch (state_locked(clock_s_())) {
    case BreakerState::closed: return true;
    case BreakerState::open: return false;
    case BreakerState::half_open:
      if (probe_in_flight_) return false;
      probe_in_flight_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::record_success() {
  std::lock_guard lock(mutex_);
  consecutive_failures_ = 0;
  open_ = false;
  probe_in_flight_ = false;
}

void CircuitBreaker::record_failure() {
  std::lock_guard lock(mutex_);
  ++consecutive_failures_;
  // A failed probe re-opens at once; otherwise open after the threshold.
  if (probe_in_flight_ || consecutive_failures_ >= options_.failure_threshold) {
    open_ = true;
    opened_at_s_ = clock_s_();
  }
  probe_in_flight_ = false;
}

void CircuitBreaker::record_abandoned() {
  std::lock_guard lock(mutex_);
  probe_in_flight_ = false;
}

BreakerState CircuitBreaker::state() {
  std::lock_guard lock(mutex_);
  return state_locked(clock_s_());
}

}  // namespace echoes::llm
