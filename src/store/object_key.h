#pragma once
// Object keys: the relative paths every object store accepts, such as
// "audio/<user_id>/<recording_id>.wav". One set of rules for files and S3 alike, so a key
// that works on one backend works on the other: '/'-separated components, none empty, "."
// or "..", none starting with ".tmp-" (the file backend's temp files), no leading '/', no
// backslash or NUL, at most 1024 bytes.
#include <string_view>
#include <vector>

namespace echoes::store {

/// The key's components. Throws kInvalidArgument ("The file location is not allowed.")
/// when the key breaks the rules above.
std::vector<std::string_view> checked_key_components(std::string_view key);

/// Throws kInvalidArgument ("The file location is not allowed."): for a key that breaks
/// the rules, or one a backend refuses for its own reasons (the file backend: a symlink).
[[noreturn]] void throw_bad_key();

/// How the file backend's temp file names start.
inline constexpr std::string_view kTempNamePrefix = ".tmp-";

/// True for names the file backend uses for its temp files (".tmp-...").
bool is_temp_name(std::string_view filename);

}  // namespace echoes::store
