#include "server/reception.h"

#include <algorithm>
#include <cerrno>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include "common/error.h"
#include "common/log.h"
#include "server/request_head.h"
#include "server/socket_stats.h"

namespace echoes::server {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMaxDraining = 256;             // refused connections kept open to deliver the answer
constexpr auto kDrainTime = std::chrono::seconds(1);
constexpr auto kCheckInterval = std::chrono::milliseconds(100);

// A complete HTTP answer with the JSON error envelope, for connections no worker serves.
std::string error_answer(int status, std::string_view reason, std::string_view code, std::string_view message) {
  const std::string body = std::string(R"({"error":{"code":")") + std::string(code) + R"(","message":")" +
                           std::string(message) + "\"}}";
  return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

std::string too_slow_answer() {
  return error_answer(408, "Request Timeout", error_code::kRequestTimeout,
                      "The request arrived too slowly and was not read.");
}

std::string client_address(const sockaddr_storage& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof(text));
  } else if (address.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text, sizeof(text));
  }
  return text;
}

void set_socket_timeouts(int socket, double timeout_s) {
  timeval limit{};
  limit.tv_sec = static_cast<time_t>(timeout_s);
  limit.tv_usec = static_cast<suseconds_t>((timeout_s - static_cast<double>(limit.tv_sec)) * 1e6);
  setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
  setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof(limit));
}

// A connection whose large body a worker is reading: the reception's loop watches its pace.
struct Watch {
  int socket = -1;  // a dup() of the worker's socket, so the number is never reused under us
  Clock::time_point accepted_at;
  // reading -> received (the worker has the whole body) or -> cut (too slow): whoever is first.
  enum State { reading, received, cut };
  std::atomic<int> state{reading};
};

thread_local Watch* current_watch = nullptr;

}  // namespace

void request_body_received() {
  if (!current_watch) return;
  int reading = Watch::reading;
  current_watch->state.compare_exchange_strong(reading, Watch::received);
}

struct Reception::Impl {
  struct Waiting {
    std::string client;
    Clock::time_point accepted_at;
    bool draining = false;  // answered; read until the client closes or kDrainTime (from accepted_at)
  };

  Impl(const ReceptionOptions& opts, int worker_threads, ServeConnection serve_fn)
      : options(opts), serve(std::move(serve_fn)), worker_count(std::max(1, worker_threads)) {
    epoll = epoll_create1(EPOLL_CLOEXEC);
    wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    watch_events(wake);
  }

  ~Impl() {
    for (const int socket : {listener, epoll, wake}) {
      if (socket >= 0) ::close(socket);
    }
  }

  void watch_events(int socket) {
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
    event.data.fd = socket;
    epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event);
  }

  // Deadline of a request accepted at `accepted_at` that has brought `received` bytes so far.
  bool too_slow(Clock::time_point accepted_at, std::uint64_t received, Clock::time_point now) const {
    const double allowed_s =
        options.request_timeout_s + static_cast<double>(received) / options.request_min_rate_bytes_per_s;
    return std::chrono::duration<double>(now - accepted_at).count() > allowed_s;
  }

  // --- accepting ---------------------------------------------------------------------------

  void accept_all() {
    for (;;) {
      sockaddr_storage address{};
      socklen_t size = sizeof(address);
      const int socket = accept4(listener, reinterpret_cast<sockaddr*>(&address), &size, SOCK_CLOEXEC);
      if (socket < 0) return;  // EAGAIN: none left (or a transient error: the next event retries)
      admit(socket, client_address(address));
    }
  }

  void admit(int socket, const std::string& client) {
    if (open_connections >= options.max_connections) {
      return refuse(socket, client, error_answer(503, "Service Unavailable", error_code::kUnavailable,
                                                 "The server is busy. Please try again in a moment."));
    }
    if (!take_client_slot(client)) {
      return refuse(socket, client, error_answer(429, "Too Many Requests", error_code::kRateLimited,
                                                 "Too many connections from your address at once."));
    }
    ++open_connections;
    waiting[socket] = Waiting{client, Clock::now(), false};
    watch_events(socket);  // data already there is reported at once
  }

  bool take_client_slot(const std::string& client) {
    std::lock_guard lock(clients_mutex);
    int& open = open_per_client[client];
    if (open >= options.max_connections_per_client) return false;
    ++open;
    return true;
  }

  void release_client_slot(const std::string& client) {
    {
      std::lock_guard lock(clients_mutex);
      const auto found = open_per_client.find(client);
      if (found != open_per_client.end() && --found->second <= 0) open_per_client.erase(found);
    }
    --open_connections;
  }

  void refuse(int socket, const std::string& client, const std::string& answer) {
    log::warn("connection_refused", {{"remote", client}, {"answer", answer.substr(9, 3)}});
    waiting[socket] = Waiting{client, Clock::now(), true};
    ++draining_count;
    watch_events(socket);
    answer_and_drain(socket, answer);
  }

  // Sends the answer and closes for writing; the connection is then read until the client
  // closes (or kDrainTime), so that it receives the answer instead of a reset.
  void answer_and_drain(int socket, const std::string& answer) {
    send(socket, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    ::shutdown(socket, SHUT_WR);
    Waiting& connection = waiting[socket];
    if (!connection.draining) {
      release_client_slot(connection.client);
      connection.draining = true;
      ++draining_count;
    }
    connection.accepted_at = Clock::now();
    if (draining_count > kMaxDraining) close_waiting(socket);
  }

  // --- a waiting connection -----------------------------------------------------------------

  void on_event(int socket, std::uint32_t events) {
    const auto found = waiting.find(socket);
    if (found == waiting.end()) return;
    if (found->second.draining) return drain(socket);
    std::string received(options.peek_limit_bytes, '\0');
    const ssize_t size = recv(socket, received.data(), received.size(), MSG_PEEK | MSG_DONTWAIT);
    if (size == 0 || (size < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) return close_waiting(socket);
    if (size < 0) return;
    received.resize(static_cast<std::size_t>(size));
    const RequestHeadScan scan = scan_request_head(received, options.peek_limit_bytes);
    if (scan.ready) return dispatch(socket, scan.more_to_read);
    if (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) close_waiting(socket);  // it can never complete
  }

  void drain(int socket) {
    char discard[4096];
    for (;;) {
      const ssize_t size = recv(socket, discard, sizeof(discard), MSG_DONTWAIT);
      if (size > 0) continue;
      if (size < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      return close_waiting(socket);
    }
  }

  void close_waiting(int socket) {
    const auto found = waiting.find(socket);
    if (found->second.draining) {
      --draining_count;
    } else {
      release_client_slot(found->second.client);
    }
    waiting.erase(found);
    epoll_ctl(epoll, EPOLL_CTL_DEL, socket, nullptr);
    ::close(socket);
  }

  void dispatch(int socket, bool more_to_read) {
    Waiting connection = std::move(waiting[socket]);
    waiting.erase(socket);
    epoll_ctl(epoll, EPOLL_CTL_DEL, socket, nullptr);
    set_socket_timeouts(socket, options.socket_timeout_s);
    std::shared_ptr<Watch> watch;
    if (more_to_read) watch = start_watch(socket, connection.accepted_at);
    auto& pool = more_to_read ? *large_body_workers : *workers;
    pool.enqueue([this, socket, client = connection.client, watch] {
      current_watch = watch.get();
      serve(socket);
      current_watch = nullptr;
      if (watch) end_watch(watch);
      release_client_slot(client);
    });
  }

  // --- deadlines ----------------------------------------------------------------------------

  void check_deadlines(Clock::time_point now) {
    std::vector<int> expired;
    for (const auto& [socket, connection] : waiting) {
      const bool over = connection.draining ? now - connection.accepted_at > kDrainTime
                                            : too_slow(connection.accepted_at, tcp_bytes_received(socket), now);
      if (over) expired.push_back(socket);
    }
    for (const int socket : expired) answer_too_slow(socket);
    check_watches(now);
  }

  void answer_too_slow(int socket) {
    const Waiting connection = waiting[socket];
    if (connection.draining) return close_waiting(socket);
    log::warn("request_too_slow", {{"remote", connection.client}, {"stage", "head"}});
    answer_and_drain(socket, too_slow_answer());
  }

  std::shared_ptr<Watch> start_watch(int socket, Clock::time_point accepted_at) {
    auto watch = std::make_shared<Watch>();
    watch->socket = dup(socket);
    watch->accepted_at = accepted_at;
    std::lock_guard lock(watches_mutex);
    watches.push_back(watch);
    return watch;
  }

  void end_watch(const std::shared_ptr<Watch>& watch) {
    std::lock_guard lock(watches_mutex);
    watches.erase(std::remove(watches.begin(), watches.end(), watch), watches.end());
    ::close(watch->socket);
  }

  // A worker still reading a body that arrives too slowly: the 408 is sent from here, and
  // shutting the socket down makes the worker's read end at once (httplib then writes
  // nothing more to a socket it finds closed).
  void check_watches(Clock::time_point now) {
    std::lock_guard lock(watches_mutex);
    for (const auto& watch : watches) {
      if (watch->state != Watch::reading) continue;
      if (!too_slow(watch->accepted_at, tcp_bytes_received(watch->socket), now)) continue;
      int reading = Watch::reading;
      if (!watch->state.compare_exchange_strong(reading, Watch::cut)) continue;
      log::warn("request_too_slow", {{"stage", "body"}});
      const std::string answer = too_slow_answer();
      send(watch->socket, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
      ::shutdown(watch->socket, SHUT_RDWR);
    }
  }

  // --- the loop -----------------------------------------------------------------------------

  void run() {
    workers = std::make_unique<httplib::ThreadPool>(static_cast<std::size_t>(worker_count));
    large_body_workers = std::make_unique<httplib::ThreadPool>(static_cast<std::size_t>(worker_count));
    std::vector<epoll_event> events(64);
    auto last_check = Clock::now();
    while (!stopping) {
      const int count = epoll_wait(epoll, events.data(), static_cast<int>(events.size()),
                                   static_cast<int>(kCheckInterval.count()));
      for (int i = 0; i < count; ++i) {
        const int socket = events[i].data.fd;
        if (socket == listener) {
          accept_all();
        } else if (socket != wake) {
          on_event(socket, events[i].events);
        }
      }
      if (const auto now = Clock::now(); now - last_check >= kCheckInterval) {
        check_deadlines(now);
        last_check = now;
      }
    }
    close_everything_waiting();
    for (auto* pool : {&workers, &large_body_workers}) {
      (*pool)->shutdown();  // the requests being served are finished first
      pool->reset();
    }
  }

  void close_everything_waiting() {
    std::vector<int> sockets;
    for (const auto& entry : waiting) sockets.push_back(entry.first);
    for (const int socket : sockets) close_waiting(socket);
  }

  ReceptionOptions options;
  ServeConnection serve;
  int worker_count;
  // While run() runs. Requests with a large body still arriving have workers of their own,
  // so uploads, however slow, never hold up the rest of the API.
  std::unique_ptr<httplib::ThreadPool> workers;
  std::unique_ptr<httplib::ThreadPool> large_body_workers;
  int listener = -1;
  int epoll = -1;
  int wake = -1;
  std::atomic<bool> stopping{false};
  std::unordered_map<int, Waiting> waiting;  // only the loop's thread touches these two
  int draining_count = 0;
  std::atomic<int> open_connections{0};
  std::mutex clients_mutex;
  std::map<std::string, int> open_per_client;
  std::mutex watches_mutex;
  std::vector<std::shared_ptr<Watch>> watches;
};

Reception::Reception(const ReceptionOptions& options, int worker_threads, ServeConnection serve)
    : impl_(std::make_unique<Impl>(options, worker_threads, std::move(serve))) {}

Reception::~Reception() = default;

int Reception::bind(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
  int socket = -1;
  for (addrinfo* info = found; info && socket < 0; info = info->ai_next) {
    socket = ::socket(info->ai_family, info->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, info->ai_protocol);
    if (socket < 0) continue;
    const int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (::bind(socket, info->ai_addr, info->ai_addrlen) != 0 || listen(socket, std::max(1, impl_->options.backlog)) != 0) {
      ::close(socket);
      socket = -1;
    }
  }
  freeaddrinfo(found);
  if (socket < 0) return -1;
  sockaddr_storage bound{};
  socklen_t size = sizeof(bound);
  getsockname(socket, reinterpret_cast<sockaddr*>(&bound), &size);
  impl_->listener = socket;
  impl_->watch_events(socket);
  return ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(bound).sin6_port
                                           : reinterpret_cast<sockaddr_in&>(bound).sin_port);
}

int Reception::listening_socket() const { return impl_->listener; }

void Reception::run() { impl_->run(); }

void Reception::stop() {
  impl_->stopping = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = write(impl_->wake, &one, sizeof(one));
}

}  // namespace echoes::server
