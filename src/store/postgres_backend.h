#pragma once
// PostgreSQL behind the store's backend interface, through libpq. Statements are sent
// with PQexecParams (text parameters, SQLite-style `?` placeholders rewritten to `$N`),
// and the whole result is read at the first step(). Errors map by SQLSTATE like the
// SQLite ones: unique -> kConflict, foreign key -> kNotFound, check/not-null ->
// kInvalidArgument, lost connection, lock timeout, deadlock -> kUnavailable.
// The URI's password never reaches a log or an error message.
#include <memory>
#include <string>

#include "store/sql_backend.h"

namespace echoes::store {

struct DatabaseOptions;

/// Connects to the libpq URI `url`. Throws kUnavailable when the server cannot be reached.
std::unique_ptr<ConnectionBackend> open_postgres(const std::string& url, const DatabaseOptions& options);

}  // namespace echoes::store
