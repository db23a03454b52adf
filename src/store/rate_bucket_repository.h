#pragma once
// Token buckets of the abuse limits, kept in the database so a limit holds across every API
// node that shares it (and across restarts). A bucket holds up to `capacity` tokens and
// refills at `refill_per_s`; it is stored as its level at its last use. Each take is one
// conditional UPDATE, atomic under concurrent callers on SQLite and PostgreSQL alike.
// Times are unix epoch seconds (nodes' clocks are assumed to agree to well under a second;
// a bucket never refills backwards when they do not).
#include <optional>
#include <string>

#include "store/database.h"

namespace echoes::store {

struct BucketLimit {
  double capacity = 10;       ///< tokens when full (the burst)
  double refill_per_s = 1.0;  ///< tokens added per second, up to capacity
};

class RateBucketRepository {
 public:
  explicit RateBucketRepository(Database& db) : db_(db) {}

  /// Takes `cost` tokens from bucket `key` (a new bucket starts full) when it holds that many
  /// at `now_s`. Returns nullopt when taken, else the seconds until it will hold them.
  /// A cost of 0 asks only whether the bucket is out of debt.
  std::optional<double> try_take(const std::string& key, double cost, const BucketLimit& limit, double now_s);

  /// Takes `amount` tokens whatever is left (the bucket may go into debt, which later takes
  /// wait out): for use measured after the fact.
  void charge(const std::string& key, double amount, const BucketLimit& limit, double now_s);

  /// Deletes the buckets whose key starts with `key_prefix` and that are full again at
  /// `now_s` (they carry no information). Returns how many.
  int forget_full(const std::string& key_prefix, const BucketLimit& limit, double now_s);

 private:
  Database& db_;
};

}  // namespace echoes::store
