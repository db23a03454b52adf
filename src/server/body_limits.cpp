#include "server/body_limits.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"
#include "server/http_util.h"
#include "server/reception.h"

namespace echoes::server {
namespace {

// Multipart framing around the audio file of an upload.
constexpr std::size_t kMultipartOverheadBytes = 1'000'000;
// A body over its cap is still read up to this size, and dropped, so that the client,
// which reads the answer only after sending everything, gets the 413. Past this the
// server stops reading and closes the connection.
constexpr std::size_t kMaxDiscardBytes = 64'000'000;

std::optional<std::size_t> declared_length_bytes(const httplib::Request& req) {
  if (!req.has_header("Content-Length")) return std::nullopt;
  const std::string value = req.get_header_value("Content-Length");
  std::size_t length = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
  if (error != std::errc() || end != value.data() + value.size()) return SIZE_MAX;  // unreadable: over any cap
  return length;
}

struct BodyRead {
  std::size_t received_bytes = 0;
  bool complete = false;  // read to its end
};

// Reads the body piece by piece, keeping what fits in keep_bytes in `into` (its body, or
// its files for a multipart form; nothing when null) and dropping the rest; stops past
// kMaxDiscardBytes.
BodyRead read_body(const httplib::Request& req, const httplib::ContentReader& reader, std::size_t keep_bytes,
                   httplib::Request* into) {
  BodyRead read;
  const auto keep = [&read, keep_bytes, into](std::size_t size) {
    read.received_bytes += size;
    return into && read.received_bytes <= keep_bytes;
  };
  const auto go_on = [&read] { return read.received_bytes <= kMaxDiscardBytes; };
  if (!req.is_multipart_form_data()) {
    read.complete = reader([&](const char* data, std::size_t size) {
      if (keep(size)) into->body.append(data, size);
      return go_on();
    });
    return read;
  }
  httplib::MultipartFormData* field = nullptr;
  read.complete = reader(
      [&](const httplib::MultipartFormData& header) {
        if (into) field = &into->files.emplace(header.name, header)->second;
        return true;
      },
      [&](const char* data, std::size_t size) {
        if (keep(size)) field->content.append(data, size);
        return go_on();
      });
  return read;
}

// The rest of the body was left unread: the connection cannot carry another request.
void close_after(httplib::Response& res) { res.set_header("Connection", "close"); }

// Reads and drops a body nobody will use (see kMaxDiscardBytes).
void discard_body(const httplib::Request& req, const httplib::ContentReader& reader, httplib::Response& res) {
  const auto declared = declared_length_bytes(req);
  const bool drained = (!declared || *declared <= kMaxDiscardBytes) && read_body(req, reader, 0, nullptr).complete;
  if (!drained) close_after(res);
}

void refuse_too_large(httplib::Response& res, std::size_t cap_bytes) {
  send_error(res, error_code::kTooLarge,
             "The request body is too large for this address (at most " + std::to_string(cap_bytes) + " bytes).");
}

}  // namespace

std::size_t upload_body_bytes(const Config& config) { return config.max_upload_bytes + kMultipartOverheadBytes; }

httplib::Server::HandlerWithContentReader capped_body(std::size_t cap_bytes, httplib::Server::Handler handler) {
  return [cap_bytes, handler](const httplib::Request& req, httplib::Response& res,
                              const httplib::ContentReader& reader) {
    if (const auto declared = declared_length_bytes(req); declared && *declared > cap_bytes) {
      discard_body(req, reader, res);  // first: a failed read sets a status of its own
      return refuse_too_large(res, cap_bytes);
    }
    httplib::Request full = req;  // headers, path and matches; the body is read into it
    const BodyRead read = read_body(req, reader, cap_bytes, &full);
    request_body_received();
    if (!read.complete) close_after(res);
    if (read.received_bytes > cap_bytes) return refuse_too_large(res, cap_bytes);  // chunked or unannounced
    if (!read.complete) {
      return send_error(res, error_code::kInvalidArgument, "The request body could not be read completely.");
    }
    handler(full, res);
  };
}

void refuse_unrouted_bodies(httplib::Server& http) {
  const auto not_found = [](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    discard_body(req, reader, res);
    send_error(res, error_code::kNotFound, "There is nothing at this address.");
  };
  http.Post(".*", not_found);
  http.Put(".*", not_found);
  http.Patch(".*", not_found);
  http.Delete(".*", not_found);
}

}  // namespace echoes::server
