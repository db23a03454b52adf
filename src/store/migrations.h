#pragma once
// The Echoes schema as numbered migrations. Never edit a released migration:
// add a new one with the next number (see docs/data-model.md). There is one logical
// schema: each migration has its SQLite text and, where the DDL differs, the same
// change written for PostgreSQL, under the same version number.
#include <span>

namespace echoes::store {

/// One numbered schema change. Versions start at 1 and increase by 1.
struct Migration {
  int version = 0;
  const char* name = "";  // short description, stored in schema_migrations
  const char* sql = "";   // one or more statements, run inside one transaction
  const char* postgres_sql = nullptr;  // the same change for PostgreSQL; null: `sql` serves both
};

/// All Echoes migrations in order.
std::span<const Migration> schema_migrations();

}  // namespace echoes::store
