#include "store/rate_bucket_repository.h"

#include "store/sql_dialect.h"

namespace echoes::store {
namespace {

// The bucket's level now (?1 capacity, ?2 now_s, ?3 refill_per_s): refilled since its last
// use, never past capacity, never backwards when another node's clock is behind.
std::string level_sql(Dialect dialect) {
  return std::string(least_function(dialect)) + "(?1, tokens + " + greatest_function(dialect) +
         "(0, ?2 - updated_s) * ?3)";
}

void ensure_bucket(Connection& c, const std::string& key, const BucketLimit& limit, double now_s) {
  c.prepare("INSERT INTO rate_buckets (bucket_key, tokens, updated_s) VALUES (?, ?, ?) ON CONFLICT(bucket_key) DO NOTHING")
      .bind_all(key, limit.capacity, now_s)
      .run();
}

// Sets the bucket to its level now minus `cost`, only if `condition` holds; true when it did.
bool spend(Connection& c, const std::string& key, double cost, const BucketLimit& limit, double now_s,
           const std::string& condition) {
  const std::string level = level_sql(c.dialect());
  c.prepare("UPDATE rate_buckets SET tokens = " + level + " - ?4, updated_s = " + greatest_function(c.dialect()) +
            "(updated_s, ?2) WHERE bucket_key = ?5" + condition)
      .bind_all(limit.capacity, now_s, limit.refill_per_s, cost, key)
      .run();
  return c.changes() == 1;
}

}  // namespace

std::optional<double> RateBucketRepository::try_take(const std::string& key, double cost, const BucketLimit& limit,
                                                      double now_s) {
  auto& c = db_.connection();
  Transaction transaction(c);
  ensure_bucket(c, key, limit, now_s);
  if (spend(c, key, cost, limit, now_s, " AND " + level_sql(c.dialect()) + " >= ?4")) {
    transaction.commit();
    return std::nullopt;
  }
  auto st = c.prepare("SELECT " + level_sql(c.dialect()) + " FROM rate_buckets WHERE bucket_key = ?4");
  st.bind_all(limit.capacity, now_s, limit.refill_per_s, key);
  const double level = st.step() ? st.column_double(0) : limit.capacity;
  transaction.commit();
  return (cost - level) / limit.refill_per_s;
}

void RateBucketRepository::charge(const std::string& key, double amount, const BucketLimit& limit, double now_s) {
  auto& c = db_.connection();
  Transaction transaction(c);
  ensure_bucket(c, key, limit, now_s);
  spend(c, key, amount, limit, now_s, "");
  transaction.commit();
}

int RateBucketRepository::forget_full(const std::string& key_prefix, const BucketLimit& limit, double now_s) {
  auto& c = db_.connection();
  // Keys in [prefix, prefix with its last byte raised): the prefix's range, without LIKE's
  // escaping rules.
  std::string past_prefix = key_prefix;
  if (!past_prefix.empty()) past_prefix.back() = static_cast<char>(past_prefix.back() + 1);
  c.prepare("DELETE FROM rate_buckets WHERE bucket_key >= ?4 AND bucket_key < ?5 AND tokens + " +
            std::string(greatest_function(c.dialect())) + "(0, ?2 - updated_s) * ?3 >= ?1")
      .bind_all(limit.capacity, now_s, limit.refill_per_s, key_prefix, past_prefix)
      .run();
  return c.changes();
}

}  // namespace echoes::store
