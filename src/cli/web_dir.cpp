#include "cli/web_dir.h"

#include <system_error>

namespace echoes::cli {
namespace {

bool holds_web_app(const std::filesystem::path& dir) {
  std::error_code ignored;
  return std::filesystem::is_regular_file(dir / "index.html", ignored);
}

}  // namespace

std::optional<std::filesystem::path> find_web_dir(const std::filesystem::path& program) {
  if (!program.empty()) {
    const auto installed = program.parent_path().parent_path() / "share" / "echoes" / "web";
    if (holds_web_app(installed)) return installed.lexically_normal();
  }
  const std::filesystem::path checkout = ECHOES_SOURCE_WEB_DIR;
  if (holds_web_app(checkout)) return checkout;
  return std::nullopt;
}

std::filesystem::path running_program_path() {
  std::error_code error;
  auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path{} : path;
}

}  // namespace echoes::cli
