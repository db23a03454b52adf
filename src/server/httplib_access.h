#pragma once
// Two private members of httplib::Server that the reception (server/reception.h) needs:
// the function that serves one accepted connection, and the listening-socket field its
// keep-alive loop checks. cpp-httplib is Debian's compiled library (0.11.4), and it offers
// no public way to serve a socket accepted elsewhere; accepting ourselves is what lets slow
// clients wait in one event loop instead of holding worker threads.
//
// The pointers are taken through an explicit template instantiation, where C++ does not
// apply access checks ([temp.spec.general]/6). The function pointer dispatches virtually,
// so it must be called on an object whose type is exactly httplib::Server.
// Included only by server .cpp files.
#include <atomic>

#include <httplib.h>

namespace echoes::server::httplib_access {

struct ServeSocket {
  using type = bool (httplib::Server::*)(socket_t);
  friend type member(ServeSocket);
};
struct ListeningSocket {
  using type = std::atomic<socket_t> httplib::Server::*;
  friend type member(ListeningSocket);
};

template <typename Tag, typename Tag::type Member>
struct Expose {
  friend typename Tag::type member(Tag) { return Member; }
};
template struct Expose<ServeSocket, &httplib::Server::process_and_close_socket>;
template struct Expose<ListeningSocket, &httplib::Server::svr_sock_>;

/// Serves the request(s) on an accepted, blocking socket and closes it (what httplib's own
/// accept loop does for each connection). `http` must be a plain httplib::Server.
inline bool serve_socket(httplib::Server& http, socket_t sock) { return (http.*member(ServeSocket{}))(sock); }

/// Tells `http`, which never listens itself, which socket its connections come from: its
/// keep-alive loop serves nothing while that field holds INVALID_SOCKET.
inline void set_listening_socket(httplib::Server& http, socket_t sock) { (http.*member(ListeningSocket{})) = sock; }

}  // namespace echoes::server::httplib_access
