#pragma once
// Why a call to the text model failed. The chat layer turns each into a fallback reply
// and a capability flag; the message is plain language, never a URL or a key.
#include <string>

#include "common/error.h"

namespace echoes::llm {

enum class Failure {
  not_configured,  ///< no base URL set
  circuit_open,    ///< refused without trying: the model failed repeatedly just before
  unreachable,     ///< could not connect
  timeout,         ///< the model went silent longer than the read timeout, or the attempt ran too long
  http_error,      ///< the model answered with an error status
  bad_reply,       ///< the answer was not a chat completion
  interrupted,     ///< the stream broke off after some text had been delivered (not retried)
};

/// "not_configured", "circuit_open", "unreachable", "timeout", "http_error", "bad_reply", "interrupted".
const char* failure_name(Failure failure);

class ModelError : public Error {
 public:
  ModelError(Failure failure, const std::string& message, std::string partial_text = "", int attempts = 0)
      : Error(error_code::kUnavailable, message),
        failure_(failure),
        partial_text_(std::move(partial_text)),
        attempts_(attempts) {}

  Failure failure() const { return failure_; }
  /// Text already delivered to the listener before an `interrupted` failure.
  const std::string& partial_text() const { return partial_text_; }
  /// HTTP attempts made (0 when none was allowed).
  int attempts() const { return attempts_; }

 private:
  Failure failure_;
  std::string partial_text_;
  int attempts_;
};

}  // namespace echoes::llm
