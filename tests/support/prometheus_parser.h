#pragma once
// A strict parser for the Prometheus text exposition format (0.0.4), for tests:
// validates names, labels, escapes and values, and histogram consistency.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace echoes::testing {

struct PromSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct PromFamily {
  std::string type;  // counter | gauge | histogram | summary | untyped
  std::string help;
};

struct PromExposition {
  std::map<std::string, PromFamily> families;
  std::vector<PromSample> samples;
  /// Sum of the values of samples named `name` whose labels include `subset`.
  double sum(const std::string& name, const std::map<std::string, std::string>& subset = {}) const;
  bool has(const std::string& name) const;
};

/// Throws std::runtime_error naming the line on any format violation.
PromExposition parse_prometheus_text(const std::string& text);

}  // namespace echoes::testing
