// The SQL helpers that let one query text serve SQLite and PostgreSQL, and the redaction
// of database URLs in logs.
#include <gtest/gtest.h>

#include "store/database_url.h"
#include "store/sql_dialect.h"

namespace echoes::store {
namespace {

TEST(NumberedPlaceholders, BareMarksAreNumberedInOrder) {
  EXPECT_EQ(numbered_placeholders("SELECT a FROM t WHERE b = ? AND c = ?"), "SELECT a FROM t WHERE b = $1 AND c = $2");
}

TEST(NumberedPlaceholders, NumberedMarksKeepTheirNumberAndBareOnesFollowTheHighest) {
  EXPECT_EQ(numbered_placeholders("?1 ?2 ?2 ?"), "$1 $2 $2 $3");
  EXPECT_EQ(numbered_placeholders("? AND (?2 IS NULL OR kind = ?2)"), "$1 AND ($2 IS NULL OR kind = $2)");
}

TEST(NumberedPlaceholders, QuotedTextAndCommentsAreLeftAlone) {
  EXPECT_EQ(numbered_placeholders("SELECT '?', \"a?\" -- why?\n, ?"), "SELECT '?', \"a?\" -- why?\n, $1");
  EXPECT_EQ(numbered_placeholders("SELECT 'it''s ?' , ?"), "SELECT 'it''s ?' , $1");
}

TEST(SkipLocked, OnlyOnPostgres) {
  EXPECT_STREQ(skip_locked(Dialect::kSqlite), "");
  EXPECT_STREQ(skip_locked(Dialect::kPostgres), " FOR UPDATE SKIP LOCKED");
}

TEST(DatabaseUrl, RecognizesPostgresSchemes) {
  EXPECT_TRUE(is_postgres_url("postgresql://h/db"));
  EXPECT_TRUE(is_postgres_url("Postgres://h/db"));
  EXPECT_FALSE(is_postgres_url("data/echoes.db"));
  EXPECT_FALSE(is_postgres_url(""));
}

TEST(DatabaseUrl, RedactsPasswords) {
  EXPECT_EQ(redact_database_url("postgresql://echoes:secret@db.local:5432/echoes"),
            "postgresql://echoes:***@db.local:5432/echoes");
  EXPECT_EQ(redact_database_url("postgresql://db.local/echoes?user=e&password=secret&sslmode=require"),
            "postgresql://db.local/echoes?user=e&password=***&sslmode=require");
  EXPECT_EQ(redact_database_url("postgresql://echoes@db.local/echoes"), "postgresql://echoes@db.local/echoes");
}

}  // namespace
}  // namespace echoes::store
