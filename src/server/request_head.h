#pragma once
// What the reception (server/reception.h) reads from the first bytes of a connection,
// without consuming them: whether the request head has arrived whole, and whether its body
// (when it fits in what the reception looks at) has too. A worker thread is given a connection only once this says "ready",
// so a client that sends slowly waits in the reception, not on a worker.
#include <cstddef>
#include <string_view>

namespace echoes::server {

struct RequestHeadScan {
  bool ready = false;       ///< the head (and a body that fits) is all there: hand it to a worker
  /// Part of the request will still arrive while a worker reads it (a large or chunked body,
  /// or a head larger than what the reception looks at): the worker watches its pace.
  bool more_to_read = false;
  std::size_t head_bytes = 0;  ///< request line and headers with the blank line; 0 until complete
};

/// Scans the bytes received so far. `peek_limit_bytes` is how many bytes the caller can look
/// at. Ready when:
///   - the head and its body (by Content-Length, or a chunked body to its last chunk) are
///     all there within `peek_limit_bytes`;
///   - or, for a larger body, `peek_limit_bytes` have arrived (the body flows faster than it
///     is read), or the client waits for "100 Continue" (both with more_to_read);
///   - or a head does not end within `peek_limit_bytes` (the worker refuses it).
/// Ambiguous or malformed framing is ready once the head is complete: the worker answers 400.
RequestHeadScan scan_request_head(std::string_view received, std::size_t peek_limit_bytes);

}  // namespace echoes::server
