#pragma once
// Where `echoes serve` finds its web app when no --web-dir / ECHOES_WEB_DIR / web_dir is set.
#include <filesystem>
#include <optional>

namespace echoes::cli {

/// The first folder holding the web app's index.html, looked for in this order:
///   1. `<program dir>/../share/echoes/web` (an installed echoes: cmake --install or the .deb);
///   2. the `web/` folder of the source checkout the program was built from (run from a build tree).
/// `program` is the running executable's path (from /proc/self/exe). Returns nullopt when
/// neither exists; the server then serves the API only.
std::optional<std::filesystem::path> find_web_dir(const std::filesystem::path& program);

/// The running executable's path, or empty when it cannot be read.
std::filesystem::path running_program_path();

}  // namespace echoes::cli
