#pragma once
// Per-route caps on request bodies. Every route that can receive a body is registered
// through capped_body(), so a body over its route's cap is refused with 413 and the JSON
// error envelope before any of it is kept or parsed: a 50 MB login costs a read, not
// hundreds of MB of parsed JSON. Included only by server .cpp files.
#include <cstddef>

#include <httplib.h>

#include "common/config.h"

namespace echoes::server {

/// Sign-in and routes that take no body.
inline constexpr std::size_t kSmallBodyBytes = 16'384;
/// JSON routes (chat, memories, persona, synthesis, feedback).
inline constexpr std::size_t kJsonBodyBytes = 1'000'000;

/// Routes that take a recording: the upload cap plus room for the multipart framing, so
/// a recording just over the cap reaches the decoder and gets its precise message.
std::size_t upload_body_bytes(const Config& config);

/// Wraps `handler` so it runs only with a body of at most cap_bytes (read into the
/// request, multipart fields included); otherwise the answer is 413. A declared
/// Content-Length over the cap is refused before any byte is kept; a chunked body is kept
/// only up to the cap. Either way the rest is read and dropped (up to a bound, past which
/// the connection is closed) so the client gets to read the 413.
httplib::Server::HandlerWithContentReader capped_body(std::size_t cap_bytes, httplib::Server::Handler handler);

/// Registers, after every real route, a 404 for bodies sent to addresses no route takes,
/// so those bodies are dropped rather than kept in memory.
void refuse_unrouted_bodies(httplib::Server& http);

}  // namespace echoes::server
