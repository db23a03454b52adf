#include "eval/gmm.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "common/error.h"
#include "eval/kmeans.h"

namespace echoes::eval {
namespace {

// Two well separated 2-D clusters: 300 points around (-3, 0) and 100 around (4, 2).
FeatureMatrix two_clusters(std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> noise(0.0f, 0.5f);
  FeatureMatrix m;
  m.dims = 2;
  for (int i = 0; i < 400; ++i) {
    const bool first = i % 4 != 0;
    m.values.push_back((first ? -3.0f : 4.0f) + noise(rng));
    m.values.push_back((first ? 0.0f : 2.0f) + noise(rng));
    ++m.frames;
  }
  return m;
}

TEST(Gmm, RecoversTwoClusters) {
  GmmOptions o;
  o.components = 2;
  const DiagonalGmm gmm = train_gmm(two_clusters(7), o);
  ASSERT_EQ(gmm.components(), 2u);
  const std::size_t big = gmm.means()[0] < 0.0 ? 0 : 1;
  EXPECT_NEAR(gmm.weights()[big], 0.75, 0.02);
  EXPECT_NEAR(gmm.means()[big * 2], -3.0, 0.15);
  EXPECT_NEAR(gmm.means()[(1 - big) * 2 + 1], 2.0, 0.2);
  EXPECT_NEAR(gmm.variances()[big * 2], 0.25, 0.06);
}

TEST(Gmm, LikelihoodIsHigherOnTrainingDistributionAndDeterministic) {
  GmmOptions o;
  o.components = 4;
  const FeatureMatrix data = two_clusters(1);
  const DiagonalGmm a = train_gmm(data, o), b = train_gmm(data, o);
  EXPECT_EQ(a.means(), b.means());
  FeatureMatrix far;
  far.dims = 2;
  far.frames = 1;
  far.values = {20.0f, -20.0f};
  EXPECT_GT(a.mean_log_likelihood(two_clusters(2)), a.mean_log_likelihood(far) + 50.0);
}

TEST(Gmm, MapAdaptationMovesMeansTowardsData) {
  GmmOptions o;
  o.components = 2;
  const DiagonalGmm ubm = train_gmm(two_clusters(3), o);
  FeatureMatrix shifted = two_clusters(4);
  for (std::size_t t = 0; t < shifted.frames; ++t) shifted.values[t * 2] += 1.0f;
  const DiagonalGmm adapted = map_adapt_means(ubm, shifted, 16.0);
  for (std::size_t k = 0; k < 2; ++k) {
    const double moved = adapted.means()[k * 2] - ubm.means()[k * 2];
    EXPECT_GT(moved, 0.7);
    EXPECT_LT(moved, 1.05);
  }
  EXPECT_GT(adapted.mean_log_likelihood(shifted), ubm.mean_log_likelihood(shifted));
  EXPECT_EQ(adapted.variances(), ubm.variances());
}

TEST(Gmm, RejectsBadInput) {
  EXPECT_THROW(train_gmm(FeatureMatrix{}), Error);
  EXPECT_THROW(DiagonalGmm({1.0}, {0.0, 0.0}, {1.0, 0.0}), Error);
  EXPECT_THROW(kmeans(FeatureMatrix{}), Error);
}

TEST(Gmm, LogSumExpIsStable) {
  const std::vector<double> v{-1000.0, -1000.0};
  EXPECT_NEAR(log_sum_exp(v), -1000.0 + std::log(2.0), 1e-9);
}

}  // namespace
}  // namespace echoes::eval
