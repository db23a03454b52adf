#pragma once
// Small helpers every route uses: JSON replies, the error envelope
// {"error":{"code","message"}}, body parsing and bearer-token extraction.
// Included only by server .cpp files (httplib + nlohmann are heavy to compile).
#include <cstdint>
#include <optional>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace echoes::server {

/// HTTP status for an echoes::Error code (e.g. "not_found" -> 404, "too_large" -> 413).
int status_for_error_code(const std::string& code);

/// Writes `body` as application/json with `status`.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);

/// Writes the error envelope with the status matching `code`.
void send_error(httplib::Response& res, const std::string& code, const std::string& message);

/// Parses the request body as a JSON object; throws echoes::Error(kInvalidArgument) otherwise.
nlohmann::json parse_json_object(const httplib::Request& req);

// Typed fields of a JSON body. Each throws echoes::Error(kInvalidArgument) naming the
// field when the value has the wrong type or is out of range, so a client's mistake is a
// 400, never a json type_error (500). For optional fields, absent and null both mean
// "use the default".

/// Reads a required string field (trimmed of nothing); throws when missing, not a string,
/// or longer than max_chars characters (UTF-8 code points).
std::string required_string(const nlohmann::json& body, const std::string& field, std::size_t max_chars);

/// Optional string field with a default.
std::string optional_string(const nlohmann::json& body, const std::string& field,
                            const std::string& fallback, std::size_t max_chars);

/// Optional true/false field with a default.
bool optional_bool(const nlohmann::json& body, const std::string& field, bool fallback);

/// Optional number field within [min, max]; std::nullopt when absent or null.
std::optional<double> optional_number(const nlohmann::json& body, const std::string& field, double min, double max);

/// Required whole number within [min, max], checked before any narrowing (so 2^32 + 5 is
/// refused, not read as 5).
std::int64_t required_integer(const nlohmann::json& body, const std::string& field, std::int64_t min,
                              std::int64_t max);

/// The token from "Authorization: Bearer <token>", if present and well-formed.
std::optional<std::string> bearer_token(const httplib::Request& req);

/// The value of cookie `name` from the request's Cookie headers, if present.
std::optional<std::string> cookie_value(const httplib::Request& req, const std::string& name);

}  // namespace echoes::server
