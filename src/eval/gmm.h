#pragma once
// Diagonal-covariance Gaussian mixture models: training by EM from a k-means start, frame
// log-likelihoods, and MAP adaptation of the means (Reynolds et al. 2000, GMM-UBM).
#include <cstdint>
#include <span>
#include <vector>

#include "eval/feature_matrix.h"

namespace echoes::eval {

struct GmmOptions {
  int components = 64;          ///< mixture components
  int kmeans_iterations = 8;    ///< Lloyd iterations for the starting means
  int em_iterations = 10;       ///< EM iterations after k-means
  /// Variances are floored at this fraction of the global variance of each dimension, so
  /// a component sitting on a few near-identical frames cannot collapse.
  double variance_floor = 0.01;
  std::uint32_t seed = 1;       ///< k-means seeding (training is deterministic)
};

/// A mixture of Gaussians with diagonal covariances.
class DiagonalGmm {
 public:
  DiagonalGmm() = default;
  /// weights: K values summing to 1; means, variances: K * D values (row per component).
  /// Throws echoes::Error(invalid_argument) on inconsistent sizes or non-positive variances.
  DiagonalGmm(std::vector<double> weights, std::vector<double> means, std::vector<double> variances);

  std::size_t components() const { return weights_.size(); }
  std::size_t dims() const { return components() ? means_.size() / components() : 0; }
  const std::vector<double>& weights() const { return weights_; }
  const std::vector<double>& means() const { return means_; }
  const std::vector<double>& variances() const { return variances_; }

  /// log(w_k N(x; mu_k, Sigma_k)) for every component k, natural log, into `out` (resized).
  void component_log_densities(std::span<const float> x, std::vector<double>& out) const;

  /// log p(x) of one frame, natural log (x.size() must equal dims()).
  double frame_log_likelihood(std::span<const float> x) const;

  /// Mean of frame_log_likelihood over the rows of `data`, nats per frame (0 if empty).
  double mean_log_likelihood(const FeatureMatrix& data) const;

  /// The same model with other means (K * D values); weights and variances are kept.
  DiagonalGmm with_means(std::vector<double> means) const;

 private:
  void precompute();
  std::vector<double> weights_, means_, variances_;
  std::vector<double> precisions_;   // 1 / variance
  std::vector<double> log_consts_;   // log w_k - 0.5 * sum_d log(2 pi var_kd)
};

/// Fits a GMM to the rows of `data` (k-means start, then EM). Uses min(components,
/// data.frames) components. Throws echoes::Error(invalid_argument) if `data` is empty.
DiagonalGmm train_gmm(const FeatureMatrix& data, const GmmOptions& options = {});

/// MAP adaptation of the means of `ubm` towards `data` (one EM step): with n_k the soft
/// count of component k and E_k the soft mean of the data under it, the adapted mean is
/// a_k E_k + (1 - a_k) mu_k with a_k = n_k / (n_k + relevance_factor). Components that
/// see no data keep the UBM mean. Returns `ubm` unchanged for empty data.
DiagonalGmm map_adapt_means(const DiagonalGmm& ubm, const FeatureMatrix& data, double relevance_factor = 16.0);

/// log(sum exp(values)), stable; -inf for an empty span.
double log_sum_exp(std::span<const double> values);

}  // namespace echoes::eval
