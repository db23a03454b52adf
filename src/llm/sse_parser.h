#pragma once
// Incremental parser for server-sent events (the text/event-stream format), fed with
// whatever byte chunks the network delivers. Handles \n, \r\n and \r line ends,
// multi-line data, comments (":...") and events split across chunks.
#include <functional>
#include <string>
#include <string_view>

namespace echoes::llm {

struct SseEvent {
  std::string event;  ///< the "event:" field, "" when absent (OpenAI streams send none)
  std::string data;   ///< the "data:" lines joined with '\n'
};

class SseParser {
 public:
  /// Called for every complete event; return false to stop parsing (feed() returns false).
  using EventFn = std::function<bool(const SseEvent&)>;

  explicit SseParser(EventFn on_event) : on_event_(std::move(on_event)) {}

  /// Consumes `bytes`; dispatches each event completed by them. False once on_event said stop.
  bool feed(std::string_view bytes);

 private:
  bool handle_line(std::string_view line);

  EventFn on_event_;
  std::string line_;
  SseEvent pending_;
  bool has_data_ = false;
  bool last_was_cr_ = false;
};

}  // namespace echoes::llm
