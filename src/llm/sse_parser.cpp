#include "llm/sse_parser.h"

namespace echoes::llm {

bool SseParser::feed(std::string_view bytes) {
  for (const char ch : bytes) {
    if (ch == '\n' && last_was_cr_) {  // the \n of a \r\n pair: the line already ended
      last_was_cr_ = false;
      continue;
    }
    last_was_cr_ = ch == '\r';
    if (ch == '\n' || ch == '\r') {
      const bool go_on = handle_line(line_);
      line_.clear();
      if (!go_on) return false;
    } else {
      line_ += ch;
    }
  }
  return true;
}

bool SseParser::handle_line(std::string_view line) {
  if (line.empty()) {  // blank line: dispatch
    if (!has_data_) {
      pending_ = {};
      return true;
    }
    const SseEvent event = std::move(pending_);
    pending_ = {};
    has_data_ = false;
    return on_event_(event);
  }
  if (line.front() == ':') return true;  // comment / keep-alive
  const auto colon = line.find(':');
  const std::string_view field = line.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "data") {
    if (has_data_) pending_.data += '\n';
    pending_.data.append(value);
    has_data_ = true;
  } else if (field == "event") {
    pending_.event = std::string(value);
  }
  return true;
}

}  // namespace echoes::llm
