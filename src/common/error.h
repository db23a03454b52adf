#pragma once
// The one error type Echoes throws across subsystem boundaries.
//
// `code` is a stable machine-readable string (snake_case) that the HTTP layer maps
// to a status and returns as {"error":{"code","message"}}; `message` is plain
// language for the person using Echoes and must never contain file paths.
#include <stdexcept>
#include <string>

namespace echoes {

namespace error_code {
inline constexpr const char* kInvalidArgument = "invalid_argument";
inline constexpr const char* kInvalidAudio = "invalid_audio";        // corrupt, truncated, not audio
inline constexpr const char* kUnsupportedFormat = "unsupported_format";
inline constexpr const char* kEmptyAudio = "empty_audio";            // zero bytes / zero samples
inline constexpr const char* kTooLarge = "too_large";                // over the byte cap
inline constexpr const char* kTooLong = "too_long";                  // over the duration cap
inline constexpr const char* kNoSpeech = "no_speech";
inline constexpr const char* kConsentMismatch = "consent_mismatch";  // consent statement not heard, or another voice
inline constexpr const char* kNotFound = "not_found";
inline constexpr const char* kConflict = "conflict";
inline constexpr const char* kUnauthorized = "unauthorized";
inline constexpr const char* kForbidden = "forbidden";
inline constexpr const char* kRateLimited = "rate_limited";
inline constexpr const char* kRequestTimeout = "request_timeout";  // the request arrived too slowly
inline constexpr const char* kUnavailable = "unavailable";
inline constexpr const char* kInternal = "internal";
}  // namespace error_code

class Error : public std::runtime_error {
 public:
  Error(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

}  // namespace echoes
