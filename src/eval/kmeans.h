#pragma once
// k-means clustering (Lloyd's algorithm) with a deterministic seeded start, used to
// initialise Gaussian mixture models.
#include <cstdint>
#include <vector>

#include "eval/feature_matrix.h"

namespace echoes::eval {

struct KMeansOptions {
  int clusters = 64;          ///< k
  int iterations = 10;        ///< Lloyd iterations after the seeding
  std::uint32_t seed = 1;     ///< seeds the choice of the starting centroids
};

/// Centroids as a matrix: row c is the centroid of cluster c. Distances are Euclidean after
/// scaling every dimension by its global standard deviation, so that no dimension dominates;
/// the returned centroids are in the original units. An empty cluster is re-seeded with the
/// point farthest from its centroid. Returns min(clusters, data.frames) centroids.
/// Throws echoes::Error(invalid_argument) when `data` is empty or clusters < 1.
FeatureMatrix kmeans(const FeatureMatrix& data, const KMeansOptions& options = {});

/// Index of the nearest centroid (plain squared Euclidean distance, each dimension divided
/// by scale[d]) of every row of `data`.
std::vector<int> nearest_centroids(const FeatureMatrix& data, const FeatureMatrix& centroids,
                                   const std::vector<double>& scale);

}  // namespace echoes::eval
