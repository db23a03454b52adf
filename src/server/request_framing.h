#pragma once
// Requests whose framing is ambiguous are refused before routing: two Content-Length
// headers that disagree, Content-Length together with Transfer-Encoding (the classic
// request-smuggling pair: a proxy and this server could read different bodies), and more
// headers, or more header bytes, than any client needs. The answer is 400 with the JSON
// error envelope, and the connection is closed, since where the next request would start
// is unknown. Included only by server .cpp files.
#include <cstddef>

#include <httplib.h>

namespace echoes::server {

/// At most this many header fields per request.
inline constexpr std::size_t kMaxHeaderCount = 100;
/// At most this many bytes of header names and values per request, all fields together.
inline constexpr std::size_t kMaxHeaderBytes = 32'768;

/// Installs the check as the server's pre-routing handler.
void refuse_ambiguous_framing(httplib::Server& http);

}  // namespace echoes::server
