#include "store/database_url.h"

#include <algorithm>
#include <cctype>

namespace echoes::store {
namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(),
                    [](char p, char t) { return std::tolower(static_cast<unsigned char>(t)) == p; });
}

// Replaces the value of `password=` in the query string.
std::string redact_password_parameter(std::string url) {
  for (std::size_t at = url.find("password="); at != std::string::npos; at = url.find("password=", at + 1)) {
    const std::size_t value = at + 9;
    const std::size_t end = std::min(url.find('&', value), url.size());
    url.replace(value, end - value, "***");
  }
  return url;
}

}  // namespace

bool is_postgres_url(std::string_view location) {
  return starts_with_nocase(location, "postgresql://") || starts_with_nocase(location, "postgres://");
}

std::string redact_database_url(std::string_view url) {
  std::string out(url);
  const std::size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const std::size_t authority = scheme + 3;
    const std::size_t slash = std::min(out.find('/', authority), out.size());
    const std::size_t at = out.rfind('@', slash);
    if (at != std::string::npos && at >= authority) {
      const std::size_t colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  return redact_password_parameter(out);
}

}  // namespace echoes::store
