#pragma once
// `echoes watermark detect FILE...`: does each clip carry the Echoes watermark, and for which
// voice tag.
#include <filesystem>
#include <vector>

namespace echoes::cli {

/// Checks each file for the watermark (key from env ECHOES_WATERMARK_KEY, else the built-in
/// default) and prints one table row per file, or a JSON array with --json.
/// Returns, like grep: 0 when a watermark was found in at least one file, 1 when in none,
/// 2 when any file could not be read or decoded.
int watermark_detect_command(const std::vector<std::filesystem::path>& files, bool json);

}  // namespace echoes::cli
