#pragma once
// A tiny benchmark registry: each bench/*.cpp registers cases with ECHOES_BENCH and
// reports named figures; `echoes_bench [filter]` runs them and prints one line per figure.
// Figures are measured here, never asserted in tests (DEVELOPERS.md).
#include <chrono>
#include <functional>
#include <string>

namespace echoes::bench {

/// Prints "<case>: <figure> = <value> <unit>" and keeps it for the summary.
void report(const std::string& figure, double value, const std::string& unit);

/// Wall-clock seconds since an arbitrary epoch (steady clock).
inline double now_s() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

struct Registrar {
  Registrar(const char* name, std::function<void()> body);
};

}  // namespace echoes::bench

#define ECHOES_BENCH_CAT2(a, b) a##b
#define ECHOES_BENCH_CAT(a, b) ECHOES_BENCH_CAT2(a, b)
#define ECHOES_BENCH(name)                                                              \
  static void ECHOES_BENCH_CAT(bench_fn_, __LINE__)();                                  \
  static ::echoes::bench::Registrar ECHOES_BENCH_CAT(bench_reg_, __LINE__)(             \
      name, &ECHOES_BENCH_CAT(bench_fn_, __LINE__));                                    \
  static void ECHOES_BENCH_CAT(bench_fn_, __LINE__)()
