#include "server/request_head.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace echoes::server {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

struct BodyFraming {
  std::optional<std::size_t> content_length_bytes;  // unset: none, or unreadable
  bool chunked = false;
  bool unreadable = false;  // a length that is not a number, or two that disagree
  bool expects_continue = false;  // "Expect: 100-continue": the body comes only after our 100
};

// Content-Length and Transfer-Encoding of the header lines (after the request line).
BodyFraming body_framing(std::string_view head) {
  BodyFraming framing;
  std::size_t line_start = head.find("\r\n");
  while (line_start != std::string_view::npos && line_start + 2 < head.size()) {
    const std::size_t begin = line_start + 2;
    const std::size_t end = head.find("\r\n", begin);
    const std::string_view line = head.substr(begin, end == std::string_view::npos ? head.size() - begin : end - begin);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      const std::string_view name = trimmed(line.substr(0, colon));
      const std::string_view value = trimmed(line.substr(colon + 1));
      if (equals_ignoring_case(name, "Transfer-Encoding")) framing.chunked = true;
      if (equals_ignoring_case(name, "Expect")) framing.expects_continue = true;
      if (equals_ignoring_case(name, "Content-Length")) {
        std::size_t length = 0;
        const auto [ptr, error] = std::from_chars(value.data(), value.data() + value.size(), length);
        const bool number = error == std::errc() && ptr == value.data() + value.size();
        if (!number || (framing.content_length_bytes && *framing.content_length_bytes != length)) {
          framing.unreadable = true;
        }
        framing.content_length_bytes = length;
      }
    }
    line_start = end;
  }
  return framing;
}

// True when `body` holds a whole chunked body: chunks up to the last (size 0) and the end of
// its trailer. Anything malformed counts as whole, for the worker to refuse.
bool chunked_body_complete(std::string_view body) {
  for (;;) {
    const std::size_t line_end = body.find("\r\n");
    if (line_end == std::string_view::npos) return false;
    std::size_t size = 0;
    const auto [ptr, error] = std::from_chars(body.data(), body.data() + line_end, size, 16);
    if (error != std::errc() || ptr == body.data()) return true;
    if (size == 0) {  // then optional trailer lines, and a blank line
      const std::string_view trailer = body.substr(line_end + 2);
      return trailer.substr(0, 2) == "\r\n" || trailer.find("\r\n\r\n") != std::string_view::npos;
    }
    if (body.size() < line_end + 2 + size + 2) return false;
    body.remove_prefix(line_end + 2 + size + 2);
  }
}

}  // namespace

RequestHeadScan scan_request_head(std::string_view received, std::size_t peek_limit_bytes) {
  RequestHeadScan scan;
  const std::size_t blank_line = received.find("\r\n\r\n");
  if (blank_line == std::string_view::npos) {
    if (received.size() >= peek_limit_bytes) scan.ready = scan.more_to_read = true;
    return scan;
  }
  scan.head_bytes = blank_line + 4;
  const BodyFraming framing = body_framing(received.substr(0, blank_line + 2));
  const std::string_view body = received.substr(scan.head_bytes);
  if (framing.unreadable || (framing.chunked && framing.content_length_bytes)) {
    scan.ready = true;  // ambiguous framing: the worker refuses it without reading a body
    return scan;
  }
  if (framing.chunked && chunked_body_complete(body)) {
    scan.ready = true;
    return scan;
  }
  const std::size_t body_bytes = framing.content_length_bytes.value_or(0);
  if (!framing.chunked && scan.head_bytes + body_bytes <= peek_limit_bytes) {
    scan.ready = body.size() >= body_bytes;
    return scan;
  }
  // A large body: it goes to a worker once it flows faster than it is read (the bytes fill
  // what the reception looks at), or at once when the client waits for "100 Continue".
  scan.more_to_read = true;
  scan.ready = framing.expects_continue || received.size() >= peek_limit_bytes;
  return scan;
}

}  // namespace echoes::server
