#include "server/http_util.h"

#include <map>

#include "common/error.h"

namespace echoes::server {

int status_for_error_code(const std::string& code) {
  static const std::map<std::string, int> statuses = {
      {error_code::kInvalidArgument, 400}, {error_code::kInvalidAudio, 422},
      {error_code::kUnsupportedFormat, 415}, {error_code::kEmptyAudio, 422},
      {error_code::kTooLarge, 413},         {error_code::kTooLong, 422},
      {error_code::kNoSpeech, 422},         {error_code::kConsentMismatch, 422},
      {error_code::kNotFound, 404},         {error_code::kConflict, 409},
      {error_code::kUnauthorized, 401},     {error_code::kForbidden, 403},
      {error_code::kRateLimited, 429},
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
  if (found == body.end() || !found->is_string()) {
    throw Error(error_code::kInvalidArgument, "The field '" + field + "' is required and must be text.");
  }
  const auto& value = found->get_ref<const std::string&>();
  if (value.size() > max_chars) {
    throw Error(error_code::kInvalidArgument,
                "The field '" + field + "' is too long (at most " + std::to_string(max_chars) + " characters).");
  }
  return value;
}

std::string optional_string(const nlohmann::json& body, const std::string& field,
                            const std::string& fallback, std::size_t max_chars) {
  if (!body.contains(field) || body[field].is_null()) return fallback;
  return required_string(body, field, max_chars);
}

std::optional<std::string> bearer_token(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  std::string token = header.substr(prefix.size());
  if (token.size() > 512) return std::nullopt;
  return token;
}

}  // namespace echoes::server
