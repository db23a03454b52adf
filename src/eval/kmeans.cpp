#include "eval/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "common/error.h"

namespace echoes::eval {
namespace {

std::vector<double> global_std(const FeatureMatrix& data) {
  std::vector<double> sum(data.dims, 0.0), sq(data.dims, 0.0);
  for (std::size_t t = 0; t < data.frames; ++t) {
    for (std::size_t d = 0; d < data.dims; ++d) {
      const double v = data.values[t * data.dims + d];
      sum[d] += v;
      sq[d] += v * v;
    }
  }
  std::vector<double> sd(data.dims);
  for (std::size_t d = 0; d < data.dims; ++d) {
    const double mean = sum[d] / data.frames;
    sd[d] = std::sqrt(std::max(sq[d] / data.frames - mean * mean, 1e-12));
  }
  return sd;
}

double scaled_distance(std::span<const float> a, std::span<const float> b, const std::vector<double>& scale) {
  double sum = 0.0;
  for (std::size_t d = 0; d < a.size(); ++d) {
    const double diff = (a[d] - b[d]) / scale[d];
    sum += diff * diff;
  }
  return sum;
}

// k distinct rows chosen by a seeded shuffle.
FeatureMatrix initial_centroids(const FeatureMatrix& data, std::size_t k, std::uint32_t seed) {
  std::vector<std::size_t> order(data.frames);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  FeatureMatrix c;
  c.dims = data.dims;
  for (std::size_t i = 0; i < k; ++i) {
    const auto r = data.row(order[i]);
    c.values.insert(c.values.end(), r.begin(), r.end());
    ++c.frames;
  }
  return c;
}

// Moves every centroid to the mean of its points; an empty cluster takes the worst-fitted point.
void update_centroids(const FeatureMatrix& data, const std::vector<int>& label, FeatureMatrix& c,
                      const std::vector<double>& scale) {
  std::vector<double> sum(c.frames * c.dims, 0.0);
  std::vector<std::size_t> count(c.frames, 0);
  for (std::size_t t = 0; t < data.frames; ++t) {
    const auto r = data.row(t);
    for (std::size_t d = 0; d < data.dims; ++d) sum[label[t] * c.dims + d] += r[d];
    ++count[label[t]];
  }
  for (std::size_t k = 0; k < c.frames; ++k) {
    if (count[k] == 0) continue;
    for (std::size_t d = 0; d < c.dims; ++d) c.values[k * c.dims + d] = static_cast<float>(sum[k * c.dims + d] / count[k]);
  }
  for (std::size_t k = 0; k < c.frames; ++k) {
    if (count[k] != 0) continue;
    std::size_t worst = 0;
    double worst_distance = -1.0;
    for (std::size_t t = 0; t < data.frames; ++t) {
      const double dist = scaled_distance(data.row(t), c.row(label[t]), scale);
      if (dist > worst_distance) worst_distance = dist, worst = t;
    }
    const auto r = data.row(worst);
    std::copy(r.begin(), r.end(), c.row(k).begin());
  }
}

}  // namespace

std::vector<int> nearest_centroids(const FeatureMatrix& data, const FeatureMatrix& centroids,
                                   const std::vector<double>& scale) {
  std::vector<int> label(data.frames, 0);
  for (std::size_t t = 0; t < data.frames; ++t) {
    double best = std::numeric_limits<double>::max();
    for (std::size_t k = 0; k < centroids.frames; ++k) {
      const double dist = scaled_distance(data.row(t), centroids.row(k), scale);
      if (dist < best) best = dist, label[t] = static_cast<int>(k);
    }
  }
  return label;
}

FeatureMatrix kmeans(const FeatureMatrix& data, const KMeansOptions& options) {
  if (data.frames == 0 || options.clusters < 1) {
    throw Error(error_code::kInvalidArgument, "k-means needs data and at least one cluster.");
  }
  const std::size_t k = std::min<std::size_t>(options.clusters, data.frames);
  const std::vector<double> scale = global_std(data);
  FeatureMatrix c = initial_centroids(data, k, options.seed);
  for (int it = 0; it < options.iterations; ++it) {
    update_centroids(data, nearest_centroids(data, c, scale), c, scale);
  }
  return c;
}

}  // namespace echoes::eval
