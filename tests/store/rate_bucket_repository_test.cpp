// Token buckets in the database (store/rate_bucket_repository.h), on SQLite and PostgreSQL.
#include "store/rate_bucket_repository.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store_test_util.h"

namespace echoes::store {
namespace {

class RateBuckets : public test::BackendTest {
 protected:
  void SetUp() override {
    test::BackendTest::SetUp();
    if (db) buckets = std::make_unique<RateBucketRepository>(*db);
  }
  const BucketLimit three_per_10_s{3, 0.3};
  std::unique_ptr<RateBucketRepository> buckets;
};
ECHOES_ON_BOTH_BACKENDS(RateBuckets);

TEST_P(RateBuckets, ANewBucketIsFullAndEmptiesThenRefills) {
  const double t0 = 1'000'000.0;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(buckets->try_take("a", 1, three_per_10_s, t0)) << i;
  const auto wait_s = buckets->try_take("a", 1, three_per_10_s, t0);
  ASSERT_TRUE(wait_s);
  EXPECT_NEAR(*wait_s, 1 / 0.3, 1e-6);  // one token takes 3.3 s to come back
  EXPECT_TRUE(buckets->try_take("a", 1, three_per_10_s, t0 + 3.0));  // not yet: 0.9 tokens
  EXPECT_FALSE(buckets->try_take("a", 1, three_per_10_s, t0 + 3.5));
  EXPECT_FALSE(buckets->try_take("b", 1, three_per_10_s, t0)) << "another key has its own bucket";
}

TEST_P(RateBuckets, NeverRefillsPastCapacityNorBackwards) {
  const double t0 = 2'000'000.0;
  EXPECT_FALSE(buckets->try_take("a", 3, three_per_10_s, t0 + 1000));  // a long idle: still only 3
  EXPECT_TRUE(buckets->try_take("a", 1, three_per_10_s, t0 + 1000));
  // A node whose clock is 5 s behind neither refills nor drains the bucket by it.
  EXPECT_TRUE(buckets->try_take("a", 1, three_per_10_s, t0 + 995));
  EXPECT_FALSE(buckets->try_take("a", 1, three_per_10_s, t0 + 1000 + 1 / 0.3 + 0.01));
}

TEST_P(RateBuckets, ChargingGoesIntoDebtThatLaterTakesWaitOut) {
  const double t0 = 3'000'000.0;
  buckets->charge("audio", 9, three_per_10_s, t0);  // 3 - 9 = -6
  const auto wait_s = buckets->try_take("audio", 0, three_per_10_s, t0);
  ASSERT_TRUE(wait_s);
  EXPECT_NEAR(*wait_s, 6 / 0.3, 1e-6);
  EXPECT_FALSE(buckets->try_take("audio", 0, three_per_10_s, t0 + 20.01));
}

TEST_P(RateBuckets, ConcurrentTakesNeverSpendMoreThanTheBucketHolds) {
  const double t0 = 4'000'000.0;
  const BucketLimit ten{10, 1e-9};
  std::atomic<int> taken{0};
  std::vector<std::thread> callers;
  for (int thread = 0; thread < 4; ++thread) {
    callers.emplace_back([&] {
      for (int i = 0; i < 10; ++i) taken += !buckets->try_take("shared", 1, ten, t0);
      db->release_thread_connection();
    });
  }
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(taken, 10);
}

TEST_P(RateBuckets, FullBucketsAreForgottenByPrefix) {
  const double t0 = 5'000'000.0;
  buckets->try_take("logins:ann", 1, three_per_10_s, t0);
  buckets->try_take("logins:bob", 3, three_per_10_s, t0 + 9);
  buckets->try_take("uploads:ann", 1, three_per_10_s, t0);
  EXPECT_EQ(buckets->forget_full("logins:", three_per_10_s, t0 + 10), 1);  // ann's is full again, bob's not
  EXPECT_EQ(test::count_rows(*db, "rate_buckets"), 2);
  EXPECT_EQ(buckets->forget_full("logins:", three_per_10_s, t0 + 100), 1);
  EXPECT_EQ(test::count_rows(*db, "rate_buckets"), 1);  // the other limiter's bucket stays
}

}  // namespace
}  // namespace echoes::store
