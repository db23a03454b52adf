#pragma once
// Where the database lives: a file path (embedded SQLite, the default) or a libpq URI
// (`postgresql://` or `postgres://`). Also the redacted form of a URI for logs, since a
// URI may carry a password.
#include <string>
#include <string_view>

namespace echoes::store {

/// True for `postgresql://...` and `postgres://...` (case-insensitive scheme).
bool is_postgres_url(std::string_view location);

/// The URI with any password (`user:secret@`, `password=secret`) replaced by `***`.
std::string redact_database_url(std::string_view url);

}  // namespace echoes::store
