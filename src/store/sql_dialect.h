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

/// " FOR UPDATE SKIP LOCKED" on PostgreSQL (concurrent claimers skip each other's rows),
/// "" on SQLite (BEGIN IMMEDIATE already serializes writers).
const char* skip_locked(Dialect dialect);

}  // namespace echoes::store
