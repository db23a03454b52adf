#include "store/sanitize_filename.h"

#include <cctype>

namespace echoes::store {
namespace {

bool allowed(unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == '-' || c == ' '; }

}  // namespace

std::string filename_extension(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(name.substr(dot + 1));
  if (ext.empty() || ext.size() > 5) return {};
  for (char& c : ext) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return {};
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return ext;
}

std::string sanitize_filename(std::string_view name, const SanitizeFilenameOptions& options) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string clean;
  for (unsigned char c : name) clean.push_back(allowed(c) ? static_cast<char>(c) : '_');
  const size_t first = clean.find_first_not_of(". ");
  clean = first == std::string::npos ? std::string() : clean.substr(first);
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  if (clean.size() > options.max_bytes) {
    const std::string ext = filename_extension(clean);
    if (ext.empty() || ext.size() + 1 >= options.max_bytes) {
      clean.resize(options.max_bytes);
    } else {
      clean = clean.substr(0, options.max_bytes - ext.size() - 1) + "." + ext;
    }
  }
  return clean.empty() ? options.fallback : clean;
}

}  // namespace echoes::store
