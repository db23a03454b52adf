#include "prometheus_parser.h"

#include <cmath>
#include <regex>
#include <sstream>

namespace echoes::testing {
namespace {

const std::regex kMetricName("^[a-zA-Z_:][a-zA-Z0-9_:]*$");
const std::regex kLabelName("^[a-zA-Z_][a-zA-Z0-9_]*$");

[[noreturn]] void fail(int line_number, const std::string& why) {
  throw std::runtime_error("line " + std::to_string(line_number) + ": " + why);
}

double parse_value(const std::string& text, int line_number) {
  if (text == "+Inf") return INFINITY;
  if (text == "-Inf") return -INFINITY;
  if (text == "NaN") return NAN;
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (...) {
    fail(line_number, "bad value '" + text + "'");
  }
  if (used != text.size()) fail(line_number, "bad value '" + text + "'");
  return value;
}

// Parses `{a="x",b="y"}` starting at text[pos] == '{'; returns the index after '}'.
std::size_t parse_labels(const std::string& text, std::size_t pos, std::map<std::string, std::string>& labels,
                         int line_number) {
  ++pos;
  while (pos < text.size() && text[pos] != '}') {
    const auto equals = text.find('=', pos);
    if (equals == std::string::npos) fail(line_number, "label without '='");
    const std::string name = text.substr(pos, equals - pos);
    if (!std::regex_match(name, kLabelName)) fail(line_number, "bad label name '" + name + "'");
    if (equals + 1 >= text.size() || text[equals + 1] != '"') fail(line_number, "label value not quoted");
    std::string value;
    std::size_t i = equals + 2;
    for (; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\') {
        if (++i >= text.size()) fail(line_number, "dangling escape");
        if (text[i] == 'n') value += '\n';
        else if (text[i] == '\\' || text[i] == '"') value += text[i];
        else fail(line_number, "bad escape");
      } else {
        value += text[i];
      }
    }
    if (i >= text.size()) fail(line_number, "unterminated label value");
    if (labels.count(name)) fail(line_number, "duplicate label '" + name + "'");
    labels[name] = value;
    pos = i + 1;
    if (pos < text.size() && text[pos] == ',') ++pos;
  }
  if (pos >= text.size()) fail(line_number, "unterminated label set");
  return pos + 1;
}

std::string family_of(const std::string& sample_name, const std::map<std::string, PromFamily>& families) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s(suffix);
    if (sample_name.size() > s.size() && sample_name.compare(sample_name.size() - s.size(), s.size(), s) == 0) {
      const std::string base = sample_name.substr(0, sample_name.size() - s.size());
      if (families.count(base)) return base;
    }
  }
  return sample_name;
}

void check_histograms(const PromExposition& exposition) {
  for (const auto& [name, family] : exposition.families) {
    if (family.type != "histogram") continue;
    std::map<std::map<std::string, std::string>, std::vector<std::pair<double, double>>> buckets;
    std::map<std::map<std::string, std::string>, double> counts;
    for (const auto& sample : exposition.samples) {
      if (sample.name == name + "_bucket") {
        auto labels = sample.labels;
        if (!labels.count("le")) throw std::runtime_error(name + ": bucket without le");
        const double le = parse_value(labels["le"], 0);
        labels.erase("le");
        buckets[labels].push_back({le, sample.value});
      } else if (sample.name == name + "_count") {
        counts[sample.labels] = sample.value;
      }
    }
    for (const auto& [labels, series] : buckets) {
      double previous = 0;
      for (const auto& [le, value] : series) {
        if (value < previous) throw std::runtime_error(name + ": buckets not cumulative");
        previous = value;
      }
      if (series.empty() || !std::isinf(series.back().first)) throw std::runtime_error(name + ": no +Inf bucket");
      if (!counts.count(labels) || counts[labels] != series.back().second) {
        throw std::runtime_error(name + ": +Inf bucket differs from _count");
      }
    }
  }
}

}  // namespace

PromExposition parse_prometheus_text(const std::string& text) {
  PromExposition exposition;
  std::istringstream lines(text);
  std::string line;
  int line_number = 0;
  while (std::getline(lines, line)) {
    ++line_number;
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::istringstream words(line.substr(1));
      std::string keyword, name;
      words >> keyword >> name;
      if (keyword != "HELP" && keyword != "TYPE") continue;  // other comments are allowed
      if (!std::regex_match(name, kMetricName)) fail(line_number, "bad metric name in " + keyword);
      std::string rest;
      std::getline(words, rest);
      if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
      if (keyword == "TYPE") {
        static const std::regex types("^(counter|gauge|histogram|summary|untyped)$");
        if (!std::regex_match(rest, types)) fail(line_number, "bad type '" + rest + "'");
        if (!exposition.families[name].type.empty()) fail(line_number, "second TYPE for " + name);
        exposition.families[name].type = rest;
      } else {
        exposition.families[name].help = rest;
      }
      continue;
    }
    PromSample sample;
    std::size_t pos = line.find_first_of("{ ");
    if (pos == std::string::npos) fail(line_number, "sample without value");
    sample.name = line.substr(0, pos);
    if (!std::regex_match(sample.name, kMetricName)) fail(line_number, "bad metric name '" + sample.name + "'");
    if (line[pos] == '{') pos = parse_labels(line, pos, sample.labels, line_number);
    if (pos >= line.size() || line[pos] != ' ') fail(line_number, "missing space before value");
    std::istringstream rest(line.substr(pos + 1));
    std::string value_text, timestamp;
    rest >> value_text >> timestamp;
    sample.value = parse_value(value_text, line_number);
    const std::string family = family_of(sample.name, exposition.families);
    if (!exposition.families.count(family)) fail(line_number, "sample before its TYPE: " + sample.name);
    exposition.samples.push_back(sample);
  }
  check_histograms(exposition);
  return exposition;
}

double PromExposition::sum(const std::string& name, const std::map<std::string, std::string>& subset) const {
  double total = 0;
  for (const auto& sample : samples) {
    if (sample.name != name) continue;
    bool match = true;
    for (const auto& [key, value] : subset) {
      const auto found = sample.labels.find(key);
      if (found == sample.labels.end() || found->second != value) match = false;
    }
    if (match) total += sample.value;
  }
  return total;
}

bool PromExposition::has(const std::string& name) const {
  for (const auto& sample : samples) {
    if (sample.name == name) return true;
  }
  return false;
}

}  // namespace echoes::testing
