#pragma once
// Process-wide metrics in the Prometheus text exposition format (version 0.0.4):
// counters and histograms with labels, plus gauges computed at scrape time.
// Thread-safe; recording is a mutex-guarded map update (requests are far slower).
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace echoes::metrics {

using Labels = std::map<std::string, std::string>;

class Registry {
 public:
  /// The process-wide registry.
  static Registry& global();

  /// Declares a metric's help text (and histogram buckets, in its unit). Optional for
  /// counters; histograms without buckets get kDefaultSecondsBuckets.
  void describe(const std::string& name, const std::string& help, const std::string& type,
                std::vector<double> buckets = {});
  void increment(const std::string& name, const Labels& labels = {}, double by = 1.0);
  void observe(const std::string& name, double value, const Labels& labels = {});
  /// A gauge whose value is read when /metrics is scraped.
  void gauge(const std::string& name, const std::string& help, std::function<double()> read);

  /// Everything in the text format, metrics sorted by name.
  std::string render() const;

  /// Forgets all values (tests).
  void reset();

 private:
  struct Histogram {
    std::vector<double> bucket_counts;  // cumulative at render time, per bucket here
    double sum = 0;
    double count = 0;
  };
  struct Family {
    std::string help;
    std::string type;  // counter | histogram | gauge
    std::vector<double> buckets;
    std::map<Labels, double> counters;
    std::map<Labels, Histogram> histograms;
    std::function<double()> read;
  };
  Family& family(const std::string& name, const std::string& type);

  mutable std::mutex mutex_;
  std::map<std::string, Family> families_;
};

/// Latency buckets in seconds: 5 ms .. 60 s.
extern const std::vector<double> kDefaultSecondsBuckets;

/// Resident set size of this process in bytes (from /proc/self/statm), 0 if unknown.
double process_resident_bytes();

}  // namespace echoes::metrics
