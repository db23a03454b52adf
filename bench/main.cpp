// echoes_bench: runs every registered benchmark (or those whose name contains argv[1])
// and prints its figures. Pin to one core with `taskset -c 0` for per-core figures.
#include <cstdio>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "bench.h"

namespace echoes::bench {
namespace {

struct Case {
  std::string name;
  std::function<void()> body;
};

std::vector<Case>& cases() {
  static std::vector<Case> all;
  return all;
}

std::string current_case;

}  // namespace

Registrar::Registrar(const char* name, std::function<void()> body) {
  cases().push_back({name, std::move(body)});
}

void report(const std::string& figure, double value, const std::string& unit) {
  std::printf("%-28s %-44s %12.3f %s\n", current_case.c_str(), figure.c_str(), value, unit.c_str());
  std::fflush(stdout);
}

}  // namespace echoes::bench

int main(int argc, char** argv) {
  using namespace echoes::bench;
  const std::string filter = argc > 1 ? argv[1] : "";
  int failures = 0;
  for (const auto& c : cases()) {
    if (!filter.empty() && c.name.find(filter) == std::string::npos) continue;
    current_case = c.name;
    try {
      c.body();
    } catch (const std::exception& e) {
      std::printf("%-28s FAILED: %s\n", c.name.c_str(), e.what());
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
