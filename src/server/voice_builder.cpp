#include "server/voice_builder.h"

#include "common/error.h"

namespace echoes::server {

// Replaced by the embedded engine's build as soon as voice/ lands (issue 3).
studio::VoiceBuilder make_voice_builder() {
  return [](const std::vector<studio::TrainingUtterance>&, const std::filesystem::path&,
            const studio::BuildProgress&) -> std::string {
    throw Error(error_code::kUnavailable, "The voice engine is not available in this build yet.");
  };
}

}  // namespace echoes::server
