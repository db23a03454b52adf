#include "store/database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "common/error.h"
#include "store/ids.h"
#include "store/sql_dialect.h"
#include "store_test_util.h"
#include "support/temp_dir.h"

namespace echoes::store {
namespace {

using echoes::testing::TempDir;
using test::count_rows;
using test::db_path;

// A fresh location (SQLite file or PostgreSQL schema) that each test opens itself.
class AnyBackend : public ::testing::TestWithParam<test::Backend> {
 protected:
  void SetUp() override { location = test::fresh_location(GetParam(), dir); }
  TempDir dir;
  std::string location;
};
ECHOES_ON_BOTH_BACKENDS(AnyBackend);

bool table_exists(Database& db, const std::string& name) {
  const char* sql = db.dialect() == Dialect::kPostgres
                        ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                          "AND table_name = ?"
                        : "SELECT COUNT(*) FROM sqlite_master WHERE name = ?";
  auto st = db.connection().prepare(sql);
  st.bind(1, name);
  st.step();
  return st.column_int64(0) > 0;
}

std::string pragma(Database& db, const std::string& name) {
  auto st = db.connection().prepare("PRAGMA " + name);
  EXPECT_TRUE(st.step());
  return st.column_text(0);
}

TEST(Database, OpensInWalModeWithForeignKeysAndFullSync) {
  TempDir dir;
  Database db(db_path(dir));
  EXPECT_EQ(pragma(db, "journal_mode"), "wal");
  EXPECT_EQ(pragma(db, "foreign_keys"), "1");
  EXPECT_EQ(pragma(db, "synchronous"), "2");  // FULL
  EXPECT_EQ(pragma(db, "busy_timeout"), "5000");
}

TEST_P(AnyBackend, AppliesAllMigrationsAndIsIdempotentOnReopen) {
  {
    Database db(location);
    EXPECT_EQ(db.schema_version(), static_cast<int>(schema_migrations().size()));
    test::make_user(db, "a@example.com");
  }
  Database again(location);
  EXPECT_EQ(again.schema_version(), static_cast<int>(schema_migrations().size()));
  EXPECT_EQ(count_rows(again, "schema_migrations"), static_cast<int>(schema_migrations().size()));
  EXPECT_EQ(count_rows(again, "users"), 1);  // data survived, nothing re-created
}

TEST_P(AnyBackend, AppliesOnlyNewMigrationsInOrder) {
  const Migration v1[] = {{1, "one", "CREATE TABLE a (x INTEGER)"}};
  const Migration v2[] = {{1, "one", "CREATE TABLE a (x INTEGER)"},
                          {2, "two", "ALTER TABLE a ADD COLUMN y TEXT; INSERT INTO a VALUES (1, 'y')"}};
  {
    Database db(location, {}, v1);
    EXPECT_EQ(db.schema_version(), 1);
    db.connection().exec("INSERT INTO a VALUES (7)");
  }
  Database db(location, {}, v2);
  EXPECT_EQ(db.schema_version(), 2);
  EXPECT_EQ(count_rows(db, "a"), 2);
}

TEST_P(AnyBackend, FailedMigrationLeavesNothingBehind) {
  const Migration bad[] = {{1, "bad", "CREATE TABLE half (x INTEGER); THIS IS NOT SQL"}};
  try {
    Database db(location, {}, bad);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kInternal);
    EXPECT_EQ(std::string(e.what()).find("SQL"), std::string::npos);
  }
  const Migration none[] = {{1, "ok", "SELECT 1"}};
  Database db(location, {}, none);
  EXPECT_FALSE(table_exists(db, "half"));
}

TEST_P(AnyBackend, RefusesADatabaseFromANewerVersion) {
  const Migration v2[] = {{1, "one", "SELECT 1"}, {2, "two", "SELECT 1"}};
  const Migration v1[] = {{1, "one", "SELECT 1"}};
  { Database db(location, {}, v2); }
  try {
    Database db(location, {}, v1);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kInternal);
  }
}

TEST_P(AnyBackend, RejectsMisnumberedMigrations) {
  const Migration gap[] = {{1, "one", "SELECT 1"}, {3, "three", "SELECT 1"}};
  EXPECT_THROW(Database(location, {}, gap), Error);
}

TEST_P(AnyBackend, UniqueViolationIsConflictWithoutSqlOrPathInMessage) {
  Database db(location);
  test::make_user(db, "same@example.com");
  try {
    test::make_user(db, "SAME@example.com");  // emails compare case-insensitively
    FAIL() << "expected a conflict";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kConflict);
    const std::string message = e.what();
    EXPECT_EQ(message.find("UNIQUE"), std::string::npos);
    EXPECT_EQ(message.find("users"), std::string::npos);
    EXPECT_EQ(message.find(dir.path().string()), std::string::npos);
    EXPECT_EQ(message.find("127.0.0.1"), std::string::npos);
  }
}

TEST_P(AnyBackend, CheckViolationIsInvalidArgument) {
  Database db(location);
  const User u = test::make_user(db, "a@example.com");
  auto st = db.connection().prepare(
      "INSERT INTO jobs (id, user_id, kind, state, created_at) VALUES ('j', ?, 'k', 'bogus', 0)");
  st.bind(1, u.id);
  try {
    st.run();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kInvalidArgument);
  }
}

TEST_P(AnyBackend, TransactionRollsBackUnlessCommitted) {
  Database db(location);
  {
    Transaction tx(db.connection());
    test::make_user(db, "gone@example.com");
  }
  EXPECT_EQ(count_rows(db, "users"), 0);
  {
    Transaction tx(db.connection());
    test::make_user(db, "kept@example.com");
    tx.commit();
  }
  EXPECT_EQ(count_rows(db, "users"), 1);
  EXPECT_FALSE(db.connection().in_transaction());
}

TEST_P(AnyBackend, NestedTransactionIsASavepoint) {
  Database db(location);
  Transaction outer(db.connection());
  test::make_user(db, "outer@example.com");
  {
    Transaction inner(db.connection());
    test::make_user(db, "inner@example.com");
  }  // inner rolled back only
  EXPECT_EQ(count_rows(db, "users"), 1);
  {
    Transaction inner(db.connection());
    test::make_user(db, "inner2@example.com");
    inner.commit();
  }
  outer.commit();
  EXPECT_EQ(count_rows(db, "users"), 2);
}

TEST_P(AnyBackend, EachThreadGetsItsOwnConnection) {
  Database db(location);
  Connection* main_connection = &db.connection();
  Connection* other = nullptr;
  std::thread([&] { other = &db.connection(); }).join();
  EXPECT_NE(main_connection, other);
  EXPECT_EQ(main_connection, &db.connection());
}

TEST_P(AnyBackend, ConcurrentInsertsFromSeveralThreadsAllLand) {
  Database db(location);
  const User u = test::make_user(db, "a@example.com");
  constexpr int kThreads = 6;
  constexpr int kPerThread = 20;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        try {
          Transaction tx(db.connection());
          db.connection()
              .prepare("INSERT INTO audit_events (id, user_id, action, created_at) VALUES (?, ?, 'test', 0)")
              .bind_all(new_id(), u.id)
              .run();
          tx.commit();
        } catch (const std::exception&) {
          ++failures;
        }
      }
      db.release_thread_connection();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count_rows(db, "audit_events"), kThreads * kPerThread);
}

TEST_P(AnyBackend, ReadersProceedWhileAWriteTransactionIsOpen) {
  Database db(location);
  test::make_user(db, "a@example.com");
  Transaction tx(db.connection());
  test::make_user(db, "b@example.com");
  int seen = -1;
  std::thread([&] { seen = count_rows(db, "users"); }).join();  // WAL: sees the last commit, no blocking
  EXPECT_EQ(seen, 1);
  tx.commit();
  std::thread([&] { seen = count_rows(db, "users"); }).join();
  EXPECT_EQ(seen, 2);
}

// The dialect helpers give the same answers on both engines.
TEST_P(AnyBackend, DayWeekAndJsonNumberHelpersAgree) {
  Database db(location);
  const Dialect d = db.dialect();
  auto text_of = [&](const std::string& expression, double epoch_s) {
    auto st = db.connection().prepare("SELECT " + expression + " FROM (SELECT ? AS t) AS x");
    st.bind(1, epoch_s);
    EXPECT_TRUE(st.step());
    return st.column_text(0);
  };
  EXPECT_EQ(text_of(utc_day_sql(d, "t"), 1704067200.5), "2024-01-01");
  EXPECT_EQ(text_of(utc_week_sql(d, "t"), 1704067200), "2024-W01");  // Monday 1 January 2024
  EXPECT_EQ(text_of(utc_week_sql(d, "t"), 1703980800), "2023-W52");  // Sunday 31 December 2023
  EXPECT_EQ(text_of(utc_week_sql(d, "t"), 1672531200), "2023-W00");  // Sunday 1 January 2023
  EXPECT_EQ(text_of(utc_week_sql(d, "t"), 1704585600), "2024-W01");  // Sunday 7 January 2024
  auto number_of = [&](const std::string& json) {
    auto st = db.connection().prepare("SELECT " + json_number_sql(d, "j", "analysis.qualityScore") +
                                      " FROM (SELECT ? AS j) AS x");
    st.bind(1, json);
    EXPECT_TRUE(st.step());
    return st.column_optional_double(0);
  };
  EXPECT_EQ(number_of(R"({"analysis":{"qualityScore":81.5}})"), 81.5);
  EXPECT_FALSE(number_of(R"({"analysis":{}})"));
}

TEST_P(AnyBackend, TwoNodesMigratingAtOnceBothSucceed) {
  std::atomic<int> failures{0};
  auto open = [&] {
    try {
      Database db(location);
      if (db.schema_version() != static_cast<int>(schema_migrations().size())) ++failures;
    } catch (const std::exception&) {
      ++failures;
    }
  };
  std::thread a(open), b(open);
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_P(AnyBackend, LostConnectionIsUnavailableThenReplaced) {
  if (GetParam() != test::Backend::kPostgres) GTEST_SKIP() << "a SQLite file has no connection to lose";
  Database db(location);
  test::make_user(db, "a@example.com");
  try {
    db.connection().exec("SELECT pg_terminate_backend(pg_backend_pid())");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kUnavailable);
  }
  EXPECT_EQ(count_rows(db, "users"), 1);  // the thread got a new connection
}

TEST(Database, UnreachablePostgresIsUnavailableWithoutPassword) {
  try {
    Database db("postgresql://echoes:s3cret-word@127.0.0.1:1/echoes?connect_timeout=2");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kUnavailable);
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos);
  }
}

TEST(Database, UnopenablePathIsInternalErrorWithoutPath) {
  TempDir dir;
  try {
    Database db(dir.path() / "no" / "such" / "folder" / "echoes.db");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kInternal);
    EXPECT_EQ(std::string(e.what()).find(dir.path().string()), std::string::npos);
  }
}

}  // namespace
}  // namespace echoes::store
