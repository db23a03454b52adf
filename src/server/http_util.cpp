#include "server/http_util.h"

#include <cstdio>
#include <map>

#include "common/error.h"
#include "common/utf8.h"

namespace echoes::server {
namespace {

Error field_error(const std::string& field, const std::string& requirement) {
  return Error(error_code::kInvalidArgument, "The field '" + field + "' " + requirement);
}

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// The field's value, or nullptr when it is absent or null (both mean "not given").
const nlohmann::json* given(const nlohmann::json& body, const std::string& field) {
  const auto found = body.find(field);
  return found == body.end() || found->is_null() ? nullptr : &*found;
}

// Compares in the type nlohmann parsed into: a large positive literal is unsigned, so
// reading it as int64 (or int) first would wrap it into range.
bool integer_within(const nlohmann::json& value, std::int64_t min, std::int64_t max) {
  if (value.is_number_unsigned()) {
    const auto number = value.get<std::uint64_t>();
    return max >= 0 && number <= static_cast<std::uint64_t>(max) &&
           (min <= 0 || number >= static_cast<std::uint64_t>(min));
  }
  if (!value.is_number_integer()) return false;
  const auto number = value.get<std::int64_t>();
  return number >= min && number <= max;
}

}  // namespace


int status_for_error_code(const std::string& code) {
  static const std::map<std::string, int> statuses = {
      {error_code::kInvalidArgument, 400}, {error_code::kInvalidAudio, 422},
      {error_code::kUnsupportedFormat, 415}, {error_code::kEmptyAudio, 422},
      {error_code::kTooLarge, 413},         {error_code::kTooLong, 422},
      {error_code::kNoSpeech, 422},         {error_code::kConsentMismatch, 422},
      {error_code::kNotFound, 404},         {error_code::kConflict, 409},
      {error_code::kUnauthorized, 401},     {error_code::kForbidden, 403},
      {error_code::kRateLimited, 429},     {error_code::kRequestTimeout, 408},
      {error_code::kUnavailable, 503},      {error_code::kInternal, 500},
  };
  const auto found = statuses.find(code);
  return found == statuses.end() ? 500 : found->second;
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void send_error(httplib::Response& res, const std::string& code, const std::string& message) {
  send_json(res, status_for_error_code(code), {{"error", {{"code", code}, {"message", message}}}});
}

nlohmann::json parse_json_object(const httplib::Request& req) {
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    throw Error(error_code::kInvalidArgument, "The request body must be a JSON object.");
  }
  return body;
}

std::string required_string(const nlohmann::json& body, const std::string& field, std::size_t max_chars) {
  const auto found = body.find(field);
  if (found == body.end() || !found->is_string()) throw field_error(field, "is required and must be text.");
  const auto& value = found->get_ref<const std::string&>();
  if (utf8_char_count(value) > max_chars) {
    throw field_error(field, "is too long (at most " + std::to_string(max_chars) + " characters).");
  }
  return value;
}

std::string optional_string(const nlohmann::json& body, const std::string& field,
                            const std::string& fallback, std::size_t max_chars) {
  if (!given(body, field)) return fallback;
  return required_string(body, field, max_chars);
}

bool optional_bool(const nlohmann::json& body, const std::string& field, bool fallback) {
  const nlohmann::json* value = given(body, field);
  if (!value) return fallback;
  if (!value->is_boolean()) throw field_error(field, "must be true or false.");
  return value->get<bool>();
}

std::optional<double> optional_number(const nlohmann::json& body, const std::string& field, double min, double max) {
  const nlohmann::json* value = given(body, field);
  if (!value) return std::nullopt;
  const bool within = value->is_number() && value->get<double>() >= min && value->get<double>() <= max;
  if (!within) throw field_error(field, "must be a number from " + number_text(min) + " to " + number_text(max) + ".");
  return value->get<double>();
}

std::int64_t required_integer(const nlohmann::json& body, const std::string& field, std::int64_t min,
                              std::int64_t max) {
  const auto found = body.find(field);
  if (found == body.end() || !integer_within(*found, min, max)) {
    throw field_error(field, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ".");
  }
  return found->get<std::int64_t>();
}

std::optional<std::string> bearer_token(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  std::string token = header.substr(prefix.size());
  if (token.size() > 512) return std::nullopt;
  return token;
}

std::optional<std::string> cookie_value(const httplib::Request& req, const std::string& name) {
  const std::size_t count = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    for (std::size_t start = 0; start < header.size();) {
      const std::size_t end = std::min(header.find(';', start), header.size());
      const std::size_t first = header.find_first_not_of(' ', start);
      if (first < end && header.compare(first, name.size() + 1, name + "=") == 0) {
        return header.substr(first + name.size() + 1, end - first - name.size() - 1);
      }
      start = end + 1;
    }
  }
  return std::nullopt;
}

}  // namespace echoes::server
