#include "server/route_table.h"

namespace echoes::server {
namespace {

// Index just past the bracket that closes the one at `open` ('(' or '{'), nesting counted.
std::size_t past_closing(std::string_view text, std::size_t open) {
  const char opener = text[open];
  const char closer = opener == '(' ? ')' : '}';
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == opener) ++depth;
    if (text[i] == closer && --depth == 0) return i + 1;
  }
  return text.size();
}

}  // namespace

const std::string& RouteTable::record(const char* method, const std::string& pattern) {
  entries_.push_back({method, pattern});
  return pattern;
}

std::string path_shape(std::string_view pattern) {
  std::string shape;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '(' || pattern[i] == '{') {
      shape += "{}";
      i = past_closing(pattern, i);
    } else {
      shape += pattern[i++];
    }
  }
  return shape;
}

}  // namespace echoes::server
