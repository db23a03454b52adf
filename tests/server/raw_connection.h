#pragma once
// A loopback connection to the server under test, written to byte by byte as a hostile or
// broken client would, with the answers read back raw.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace echoes::testing {

class RawConnection {
 public:
  /// Connects to 127.0.0.1:port from `source_ip` (any 127.x.y.z address works on Linux, so one
  /// test can be several clients).
  explicit RawConnection(int port, const char* source_ip = "127.0.0.1") : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in source{};
    source.sin_family = AF_INET;
    inet_pton(AF_INET, source_ip, &source.sin_addr);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&source), sizeof source);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawConnection() { close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  bool connected() const { return connected_; }

  /// Writes `bytes` in one write (one packet on loopback); false when the server has closed.
  bool send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }

  /// Reads until the server closes the connection (or 5 s pass without a byte).
  std::string read_all() {
    std::string answer;
    char buffer[4096];
    for (ssize_t got; (got = read(fd_, buffer, sizeof buffer)) > 0;) answer.append(buffer, got);
    return answer;
  }

  /// send() then read_all().
  std::string exchange(const std::string& bytes) {
    EXPECT_TRUE(send(bytes));
    return read_all();
  }

 private:
  int fd_;
  bool connected_ = false;
};

/// The status codes of the HTTP/1.1 responses in `answer`, in order.
inline std::vector<int> statuses(const std::string& answer) {
  std::vector<int> found;
  for (auto at = answer.find("HTTP/1.1 "); at != std::string::npos; at = answer.find("HTTP/1.1 ", at + 1)) {
    if (at == 0 || answer.compare(at - 2, 2, "\r\n") == 0 || answer[at - 1] == '}') {
      found.push_back(std::stoi(answer.substr(at + 9, 3)));
    }
  }
  return found;
}

}  // namespace echoes::testing
