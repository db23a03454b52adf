#pragma once
// JSON views of the AI Echo for the HTTP API (docs/chat.md). Only server code includes this.
#include <nlohmann/json.hpp>

#include "chat/chat_service.h"
#include "chat/records.h"

namespace echoes::chat {

nlohmann::json memory_to_json(const Memory& memory);
nlohmann::json persona_to_json(const Persona& persona);
nlohmann::json conversation_to_json(const Conversation& conversation);
/// A stored message; `sources` is parsed back from sources_json.
nlohmann::json message_to_json(const Message& message);
nlohmann::json capabilities_to_json(const Capabilities& capabilities);

/// The data of one SSE `audio` event: {"sentence", "text", "format":"wav", "sampleRateHz",
/// "durationSec", "readyMs", "base64"} (a 16-bit mono WAV of the sentence).
nlohmann::json sentence_audio_to_json(const SentenceAudio& audio);

/// The whole reply. With `embed_audio` the voice is one WAV of every sentence as a
/// data: URL (non-streamed replies); without, voice.audioUrl is null (streamed replies
/// already sent the audio as events). voice is null when there is no audio, with the
/// reason in voiceUnavailableReason.
nlohmann::json reply_to_json(const ChatReply& reply, const Capabilities& capabilities, bool embed_audio);

}  // namespace echoes::chat
