#include "llm/model_error.h"

namespace echoes::llm {

const char* failure_name(Failure failure) {
  switch (failure) {
    case Failure::not_configured: return "not_configured";
    case Failure::circuit_open: return "circuit_open";
    case Failure::unreachable: return "unreachable";
    case Failure::timeout: return "timeout";
    case Failure::http_error: return "http_error";
    case Failure::bad_reply: return "bad_reply";
    case Failure::interrupted: return "interrupted";
  }
  return "bad_reply";
}

}  // namespace echoes::llm
