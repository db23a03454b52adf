#pragma once
// Making an uploaded file name safe to store and show.
#include <string>
#include <string_view>

namespace echoes::store {

struct SanitizeFilenameOptions {
  size_t max_bytes = 100;              // longer names are cut (keeping the extension)
  std::string fallback = "recording";  // used when nothing printable is left
};

/// Keeps the last path component of `name` (after '/' or '\'), replaces every
/// byte outside [A-Za-z0-9._ -] with '_', strips leading dots and spaces and
/// trailing spaces, and limits the length. The result is never empty, never
/// "." or "..", and contains no path separators.
std::string sanitize_filename(std::string_view name, const SanitizeFilenameOptions& options = {});

/// Lowercase extension of a sanitized name without the dot ("wav"), or ""
/// when it has none or it is longer than 5 characters or not alphanumeric.
std::string filename_extension(std::string_view sanitized_name);

}  // namespace echoes::store
