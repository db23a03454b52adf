#include "server/socket_stats.h"

#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace echoes::server {

std::uint64_t tcp_bytes_received(int socket) {
  tcp_info info{};
  socklen_t size = sizeof(info);
  if (getsockopt(socket, IPPROTO_TCP, TCP_INFO, &info, &size) != 0) return 0;
  return info.tcpi_bytes_received;
}

}  // namespace echoes::server
