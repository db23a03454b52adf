#include "metrics/registry.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace echoes::metrics {

const std::vector<double> kDefaultSecondsBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                                    1.0,   2.5,  5.0,   10.0, 30.0, 60.0};

namespace {

std::string escape_label(const std::string& value) {
  std::string out;
  for (char ch : value) {
    if (ch == '\\' || ch == '"') out += '\\';
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    out += ch;
  }
  return out;
}

std::string format_labels(const Labels& labels, const std::string& extra_key = "", const std::string& extra_value = "") {
  Labels all = labels;
  if (!extra_key.empty()) all[extra_key] = extra_value;
  if (all.empty()) return "";
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : all) {
    out += (first ? "" : ",") + key + "=\"" + escape_label(value) + "\"";
    first = false;
  }
  return out + "}";
}

std::string format_number(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (std::isnan(value)) return "NaN";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

}  // namespace

Registry& Registry::global() {
  static Registry registry;
  return registry;
}

Registry::Family& Registry::family(const std::string& name, const std::string& type) {
  Family& f = families_[name];
  if (f.type.empty()) f.type = type;
  if (f.type == "histogram" && f.buckets.empty()) f.buckets = kDefaultSecondsBuckets;
  return f;
}

void Registry::describe(const std::string& name, const std::string& help, const std::string& type,
                        std::vector<double> buckets) {
  std::lock_guard lock(mutex_);
  Family& f = families_[name];
  f.help = help;
  f.type = type;
  if (!buckets.empty()) f.buckets = std::move(buckets);
  if (f.type == "histogram" && f.buckets.empty()) f.buckets = kDefaultSecondsBuckets;
}

void Registry::increment(const std::string& name, const Labels& labels, double by) {
  std::lock_guard lock(mutex_);
  family(name, "counter").counters[labels] += by;
}

void Registry::observe(const std::string& name, double value, const Labels& labels) {
  std::lock_guard lock(mutex_);
  Family& f = family(name, "histogram");
  Histogram& h = f.histograms[labels];
  if (h.bucket_counts.empty()) h.bucket_counts.assign(f.buckets.size(), 0.0);
  for (std::size_t i = 0; i < f.buckets.size(); ++i) {
    if (value <= f.buckets[i]) h.bucket_counts[i] += 1;
  }
  h.sum += value;
  h.count += 1;
}

void Registry::gauge(const std::string& name, const std::string& help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  Family& f = families_[name];
  f.help = help;
  f.type = "gauge";
  f.read = std::move(read);
}

std::string Registry::render() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  for (const auto& [name, f] : families_) {
    if (!f.help.empty()) out << "# HELP " << name << " " << f.help << "\n";
    out << "# TYPE " << name << " " << f.type << "\n";
    if (f.type == "gauge" && f.read) out << name << " " << format_number(f.read()) << "\n";
    for (const auto& [labels, value] : f.counters) out << name << format_labels(labels) << " " << format_number(value) << "\n";
    for (const auto& [labels, h] : f.histograms) {
      for (std::size_t i = 0; i < f.buckets.size(); ++i) {
        out << name << "_bucket" << format_labels(labels, "le", format_number(f.buckets[i])) << " "
            << format_number(h.bucket_counts[i]) << "\n";
      }
      out << name << "_bucket" << format_labels(labels, "le", "+Inf") << " " << format_number(h.count) << "\n";
      out << name << "_sum" << format_labels(labels) << " " << format_number(h.sum) << "\n";
      out << name << "_count" << format_labels(labels) << " " << format_number(h.count) << "\n";
    }
  }
  return out.str();
}

void Registry::reset() {
  std::lock_guard lock(mutex_);
  for (auto& [name, f] : families_) {
    f.counters.clear();
    f.histograms.clear();
  }
}

double process_resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  double total_pages = 0, resident_pages = 0;
  if (!(statm >> total_pages >> resident_pages)) return 0;
  return resident_pages * static_cast<double>(sysconf(_SC_PAGESIZE));
}

}  // namespace echoes::metrics
