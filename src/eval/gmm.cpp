#include "eval/gmm.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "common/error.h"
#include "eval/kmeans.h"

namespace echoes::eval {
namespace {

// Sufficient statistics of one pass over the data: soft counts, first and second moments.
struct Moments {
  std::vector<double> count, first, second;
  double log_likelihood = 0.0;
};

Moments accumulate(const DiagonalGmm& gmm, const FeatureMatrix& data, bool with_second) {
  const std::size_t K = gmm.components(), D = gmm.dims();
  Moments m{std::vector<double>(K, 0.0), std::vector<double>(K * D, 0.0),
            std::vector<double>(with_second ? K * D : 0, 0.0)};
  std::vector<double> logp;
  for (std::size_t t = 0; t < data.frames; ++t) {
    const auto x = data.row(t);
    gmm.component_log_densities(x, logp);
    const double total = log_sum_exp(logp);
    m.log_likelihood += total;
    for (std::size_t k = 0; k < K; ++k) {
      const double gamma = std::exp(logp[k] - total);
      if (gamma < 1e-8) continue;  // negligible: skipping keeps the pass cheap
      m.count[k] += gamma;
      for (std::size_t d = 0; d < D; ++d) {
        m.first[k * D + d] += gamma * x[d];
        if (with_second) m.second[k * D + d] += gamma * x[d] * x[d];
      }
    }
  }
  return m;
}

std::vector<double> global_variance(const FeatureMatrix& data) {
  std::vector<double> sum(data.dims, 0.0), sq(data.dims, 0.0);
  for (std::size_t t = 0; t < data.frames; ++t) {
    for (std::size_t d = 0; d < data.dims; ++d) {
      const double v = data.values[t * data.dims + d];
      sum[d] += v, sq[d] += v * v;
    }
  }
  std::vector<double> var(data.dims);
  for (std::size_t d = 0; d < data.dims; ++d) {
    const double mean = sum[d] / data.frames;
    var[d] = std::max(sq[d] / data.frames - mean * mean, 1e-8);
  }
  return var;
}

// Hard-assignment statistics of the k-means partition become the starting GMM.
DiagonalGmm gmm_from_partition(const FeatureMatrix& data, const FeatureMatrix& centroids,
                               const std::vector<double>& floor) {
  const std::size_t K = centroids.frames, D = data.dims;
  std::vector<double> scale(D);
  for (std::size_t d = 0; d < D; ++d) scale[d] = std::sqrt(floor[d]);
  const std::vector<int> label = nearest_centroids(data, centroids, scale);
  std::vector<double> count(K, 0.0), mean(K * D, 0.0), var(K * D, 0.0);
  for (std::size_t t = 0; t < data.frames; ++t) {
    const auto x = data.row(t);
    count[label[t]] += 1.0;
    for (std::size_t d = 0; d < D; ++d) mean[label[t] * D + d] += x[d];
  }
  for (std::size_t k = 0; k < K; ++k) {
    for (std::size_t d = 0; d < D; ++d) mean[k * D + d] = count[k] > 0 ? mean[k * D + d] / count[k] : centroids.row(k)[d];
  }
  for (std::size_t t = 0; t < data.frames; ++t) {
    const auto x = data.row(t);
    for (std::size_t d = 0; d < D; ++d) {
      const double diff = x[d] - mean[label[t] * D + d];
      var[label[t] * D + d] += diff * diff;
    }
  }
  std::vector<double> weights(K);
  for (std::size_t k = 0; k < K; ++k) {
    weights[k] = (count[k] + 1.0) / (data.frames + K);  // +1: no component starts dead
    for (std::size_t d = 0; d < D; ++d) {
      var[k * D + d] = std::max(count[k] > 1 ? var[k * D + d] / count[k] : 0.0, floor[d]);
    }
  }
  return DiagonalGmm(std::move(weights), std::move(mean), std::move(var));
}

DiagonalGmm em_step(const DiagonalGmm& gmm, const FeatureMatrix& data, const std::vector<double>& floor) {
  const Moments m = accumulate(gmm, data, true);
  const std::size_t K = gmm.components(), D = gmm.dims();
  std::vector<double> weights(K), mean(K * D), var(K * D);
  for (std::size_t k = 0; k < K; ++k) {
    const double n = m.count[k];
    weights[k] = std::max(n / data.frames, 1e-6);
    for (std::size_t d = 0; d < D; ++d) {
      const std::size_t i = k * D + d;
      if (n < 1e-3) {  // dead component: keep its old shape
        mean[i] = gmm.means()[i];
        var[i] = gmm.variances()[i];
        continue;
      }
      mean[i] = m.first[i] / n;
      var[i] = std::max(m.second[i] / n - mean[i] * mean[i], floor[d]);
    }
  }
  double total = 0.0;
  for (double w : weights) total += w;
  for (double& w : weights) w /= total;
  return DiagonalGmm(std::move(weights), std::move(mean), std::move(var));
}

}  // namespace

double log_sum_exp(std::span<const double> values) {
  if (values.empty()) return -std::numeric_limits<double>::infinity();
  const double top = *std::max_element(values.begin(), values.end());
  if (!std::isfinite(top)) return top;
  double sum = 0.0;
  for (double v : values) sum += std::exp(v - top);
  return top + std::log(sum);
}

DiagonalGmm::DiagonalGmm(std::vector<double> weights, std::vector<double> means, std::vector<double> variances)
    : weights_(std::move(weights)), means_(std::move(means)), variances_(std::move(variances)) {
  const bool ok = !weights_.empty() && means_.size() == variances_.size() && !means_.empty() &&
                  means_.size() % weights_.size() == 0 &&
                  std::all_of(variances_.begin(), variances_.end(), [](double v) { return v > 0.0; }) &&
                  std::all_of(weights_.begin(), weights_.end(), [](double w) { return w > 0.0; });
  if (!ok) throw Error(error_code::kInvalidArgument, "The Gaussian mixture parameters are inconsistent.");
  precompute();
}

void DiagonalGmm::precompute() {
  const std::size_t K = components(), D = dims();
  precisions_.resize(K * D);
  log_consts_.resize(K);
  for (std::size_t k = 0; k < K; ++k) {
    double c = std::log(weights_[k]);
    for (std::size_t d = 0; d < D; ++d) {
      precisions_[k * D + d] = 1.0 / variances_[k * D + d];
      c -= 0.5 * std::log(2.0 * std::numbers::pi * variances_[k * D + d]);
    }
    log_consts_[k] = c;
  }
}

void DiagonalGmm::component_log_densities(std::span<const float> x, std::vector<double>& out) const {
  const std::size_t K = components(), D = dims();
  out.resize(K);
  for (std::size_t k = 0; k < K; ++k) {
    const double* mu = means_.data() + k * D;
    const double* prec = precisions_.data() + k * D;
    double q = 0.0;
    for (std::size_t d = 0; d < D; ++d) {
      const double diff = x[d] - mu[d];
      q += diff * diff * prec[d];
    }
    out[k] = log_consts_[k] - 0.5 * q;
  }
}

double DiagonalGmm::frame_log_likelihood(std::span<const float> x) const {
  std::vector<double> logp;
  component_log_densities(x, logp);
  return log_sum_exp(logp);
}

double DiagonalGmm::mean_log_likelihood(const FeatureMatrix& data) const {
  if (data.frames == 0) return 0.0;
  std::vector<double> logp;
  double total = 0.0;
  for (std::size_t t = 0; t < data.frames; ++t) {
    component_log_densities(data.row(t), logp);
    total += log_sum_exp(logp);
  }
  return total / data.frames;
}

DiagonalGmm DiagonalGmm::with_means(std::vector<double> means) const {
  return DiagonalGmm(weights_, std::move(means), variances_);
}

DiagonalGmm train_gmm(const FeatureMatrix& data, const GmmOptions& options) {
  if (data.frames == 0) throw Error(error_code::kInvalidArgument, "A mixture model needs training frames.");
  const std::vector<double> global = global_variance(data);
  std::vector<double> floor(global.size());
  for (std::size_t d = 0; d < global.size(); ++d) floor[d] = global[d] * options.variance_floor;
  const FeatureMatrix centroids =
      kmeans(data, KMeansOptions{options.components, options.kmeans_iterations, options.seed});
  DiagonalGmm gmm = gmm_from_partition(data, centroids, floor);
  for (int it = 0; it < options.em_iterations; ++it) gmm = em_step(gmm, data, floor);
  return gmm;
}

DiagonalGmm map_adapt_means(const DiagonalGmm& ubm, const FeatureMatrix& data, double relevance_factor) {
  if (data.frames == 0) return ubm;
  if (data.dims != ubm.dims()) throw Error(error_code::kInvalidArgument, "Features do not match the model.");
  const Moments m = accumulate(ubm, data, false);
  const std::size_t K = ubm.components(), D = ubm.dims();
  std::vector<double> means = ubm.means();
  for (std::size_t k = 0; k < K; ++k) {
    if (m.count[k] <= 0.0) continue;
    const double alpha = m.count[k] / (m.count[k] + relevance_factor);
    for (std::size_t d = 0; d < D; ++d) {
      const std::size_t i = k * D + d;
      means[i] = alpha * (m.first[i] / m.count[k]) + (1.0 - alpha) * means[i];
    }
  }
  return ubm.with_means(std::move(means));
}

}  // namespace echoes::eval
