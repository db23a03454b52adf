#pragma once
// Where SQLite and PostgreSQL SQL differ, the few helpers repositories use so each
// query is still written once (with SQLite's `?` / `?N` placeholders).
#include <string>
#include <string_view>

#include "store/sql_backend.h"

namespace echoes::store {

/// Rewrites SQLite placeholders to PostgreSQL's: `?N` becomes `$N`, and a bare `?` takes
/// the largest number used so far plus one (SQLite's rule). Quoted strings, quoted
/// identifiers and `--` comments are left alone.
std::string numbered_placeholders(std::string_view sql);

/// The UTC calendar day of an epoch-seconds column, as text 'YYYY-MM-DD'.
std::string utc_day_sql(Dialect dialect, std::string_view column);

/// The UTC week of an epoch-seconds column, as text 'YYYY-Www' with SQLite's %W
/// numbering (weeks start on Monday; days before the year's first Monday are week 00).
std::string utc_week_sql(Dialect dialect, std::string_view column);

/// The number at `path` (dot-separated keys, e.g. "analysis.qualityScore") in a JSON text
/// column; NULL when it is missing (and on PostgreSQL when it is not a number).
std::string json_number_sql(Dialect dialect, std::string_view column, std::string_view path);

/// " FOR UPDATE SKIP LOCKED" on PostgreSQL (concurrent claimers skip each other's rows),
/// "" on SQLite (BEGIN IMMEDIATE already serializes writers).
const char* skip_locked(Dialect dialect);

/// The scalar functions for the smaller and the larger of two values: MIN / MAX on SQLite,
/// LEAST / GREATEST on PostgreSQL (whose MIN and MAX are aggregates only).
const char* least_function(Dialect dialect);
const char* greatest_function(Dialect dialect);

}  // namespace echoes::store
