#pragma once
// SQLite behind the store's backend interface: one sqlite3 handle per connection, in WAL
// mode with foreign keys on. Writers wait up to busy_timeout_ms for the lock
// (BEGIN IMMEDIATE), then fail with kUnavailable.
#include <filesystem>
#include <memory>

#include "store/sql_backend.h"

namespace echoes::store {

struct DatabaseOptions;

/// Opens (creating if needed) the SQLite file at `path`. Throws kInternal when it cannot.
std::unique_ptr<ConnectionBackend> open_sqlite(const std::filesystem::path& path, const DatabaseOptions& options);

}  // namespace echoes::store
