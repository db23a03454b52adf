#pragma once
// Wall-clock time as stored in the database: unix epoch seconds (REAL).

namespace echoes::store {

/// Seconds since 1970-01-01 UTC, with sub-second precision.
double unix_now_s();

}  // namespace echoes::store
