#pragma once
// How the chat reaches the voice engine without depending on it: the server injects
// these functions (wired to synth/voice); tests inject a tone generator.
#include <functional>
#include <optional>
#include <string>

#include "audio/audio.h"

namespace echoes::chat {

/// Speaks one sentence in the user's cloned voice. nullopt (or an exception) = failed.
using SpeakFn = std::function<std::optional<audio::Audio>(const std::string& user_id, const std::string& sentence)>;

/// Why the user's voice cannot speak right now (a snake_case reason such as "no_voice"
/// or "voice_not_ready"), or nullopt when it can.
using VoiceStatusFn = std::function<std::optional<std::string>(const std::string& user_id)>;

struct VoiceHooks {
  VoiceStatusFn unavailable_reason;  ///< empty = voice never available ("voice_engine_missing")
  SpeakFn speak;
};

/// OpenAI-style speech: `text` in voice `voice_id` (one of the user's voices) at `speed`
/// (1.0 = normal, 0.25..4). Throws echoes::Error (e.g. kNotFound, kUnavailable) on failure.
using SpeechFn = std::function<audio::Audio(const std::string& user_id, const std::string& voice_id,
                                            const std::string& text, double speed)>;

}  // namespace echoes::chat
