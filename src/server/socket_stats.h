#pragma once
// What the kernel knows about a TCP connection. Kept apart because <linux/tcp.h>, which has
// the counter, clashes with <netinet/tcp.h>, which cpp-httplib includes.
#include <cstdint>

namespace echoes::server {

/// Bytes of data received on the TCP connection `socket` so far, whether read yet or not
/// (tcpi_bytes_received, Linux 4.1+). 0 when the kernel cannot say.
std::uint64_t tcp_bytes_received(int socket);

}  // namespace echoes::server
