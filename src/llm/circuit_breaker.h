#pragma once
// A circuit breaker in front of the text model, so a dead model costs one fast
// "unavailable" instead of a timeout on every request.
//
// closed    -> requests pass; `failure_threshold` consecutive failures open the circuit.
// open      -> requests are refused at once until `cool_down_s` has passed since opening.
// half_open -> exactly one probe request passes; its success closes the circuit, its
//              failure opens it again for another cool-down. Others are refused meanwhile.
// Thread-safe.
#include <functional>
#include <mutex>

namespace echoes::llm {

struct BreakerOptions {
  int failure_threshold = 5;  ///< consecutive failed attempts that open the circuit
  double cool_down_s = 30.0;  ///< how long the circuit stays open before a probe
};

enum class BreakerState { closed, open, half_open };

/// "closed", "open" or "half_open".
const char* breaker_state_name(BreakerState state);

class CircuitBreaker {
 public:
  /// `clock_s` returns monotonic seconds (default: std::chrono::steady_clock).
  explicit CircuitBreaker(BreakerOptions options = {}, std::function<double()> clock_s = {});

  /// Asks to send one request. True: send it and report the outcome with record_*().
  /// False: the circuit is open (or a half-open probe is already out): do not send.
  bool allow();
  /// The request that allow() let through succeeded.
  void record_success();
  /// The request that allow() let through failed (counted towards opening).
  void record_failure();
  /// The request was abandoned by its caller; says nothing about the model's health.
  void record_abandoned();

  /// The current state (an open circuit whose cool-down is over reads half_open).
  BreakerState state();

 private:
  BreakerState state_locked(double now_s) const;

  BreakerOptions options_;
  std::function<double()> clock_s_;
  std::mutex mutex_;
  int consecutive_failures_ = 0;
  bool open_ = false;
  double opened_at_s_ = 0;
  bool probe_in_flight_ = false;
};

}  // namespace echoes::llm
