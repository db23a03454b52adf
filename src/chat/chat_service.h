#pragma once
// The AI Echo: answers a family member as the person would, in text and (optionally) in
// the person's cloned voice, and keeps the conversation.
//
// Per message: retrieve memories (BM25) -> ask the text model with persona + memories +
// recent history (streamed) -> cut the text into sentences and voice each one on a worker
// thread while the model keeps writing. Fallback chain when the model is missing or
// fails before writing anything: level 1, the person's own memories quoted verbatim
// ("From my memories: ..."); level 2, "I don't have a memory about that." Nothing is
// invented in fallback mode. Every reply carries a confidence (chat/confidence.h).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chat/confidence.h"
#include "chat/fallback.h"
#include "chat/prompt.h"
#include "chat/records.h"
#include "chat/retrieval.h"
#include "chat/sentence_voicer.h"
#include "chat/voice_hooks.h"
#include "llm/chat_client.h"
#include "store/database.h"

namespace echoes::chat {

struct ChatOptions {
  std::size_t max_message_chars = 2000;  ///< longer questions are refused (kInvalidArgument)
  int history_messages = 10;             ///< earlier messages of the conversation sent to the model
  double temperature = 0.7;
  int max_tokens = 300;
  RetrievalOptions retrieval;
  PromptOptions prompt;
  FallbackOptions fallback;
};

struct ChatRequest {
  std::string message;
  std::optional<std::string> conversation_id;  ///< nullopt = start a new conversation
  bool include_voice = false;
};

/// Receives a streamed reply. Calls never overlap (the service serialises them), but may
/// come from two threads (text from the request's, audio from the voicer's). Return false
/// when the listener is gone: generation and voicing stop.
struct ChatListener {
  std::function<bool(std::string_view delta)> on_text;
  std::function<bool(const SentenceAudio& audio)> on_audio;
};

struct ChatReply {
  std::string conversation_id;
  std::string message_id;       ///< the stored echo message
  std::string text;
  int fallback_level = 0;       ///< 0 model, 1 memories quoted, 2 no memory
  double confidence = 0;
  std::vector<MemoryHit> sources;  ///< memories the reply drew on (prompt or quote)
  std::string text_model;       ///< "ok" or llm::failure_name(...) of why it was not used
  bool interrupted = false;     ///< the model or the listener stopped mid-reply
  bool voice_requested = false;
  std::vector<SentenceAudio> voice;  ///< per sentence, in order (empty without voice)
  /// Why there is no (complete) voice: "not_requested", a VoiceStatusFn reason,
  /// "synthesis_failed", "cancelled"; "" when every sentence was voiced.
  std::string voice_unavailable_reason;
};

/// What the echo can do for a user right now.
struct Capabilities {
  bool voice_ready = false;
  std::string voice_reason;   ///< "" when ready
  std::string text_model;     ///< "ready", "not_configured", "circuit_open" or "recovering" (half-open)
  int memory_count = 0;
  bool persona_set = false;
};

class ChatService {
 public:
  /// `model` may be null or unconfigured (then every reply is a fallback).
  ChatService(store::Database& db, std::shared_ptr<llm::ChatClient> model, VoiceHooks voice,
              ChatOptions options = {});

  /// Answers `request` for `user_id` and stores both messages. With a listener the text
  /// streams through it (and audio per sentence when voice was requested). Throws
  /// kInvalidArgument (empty/too long message) or kNotFound (not the user's conversation).
  ChatReply chat(const std::string& user_id, const ChatRequest& request, const ChatListener* listener = nullptr);

  /// Throws what chat() would throw for a bad request, without answering it (lets a
  /// streaming route reply with a plain HTTP error before the stream starts).
  void check(const std::string& user_id, const ChatRequest& request);

  Capabilities capabilities(const std::string& user_id);

  /// Why the user's voice cannot speak now, or nullopt when it can.
  std::optional<std::string> voice_unavailable_reason(const std::string& user_id);

 private:
  store::Database& db_;
  std::shared_ptr<llm::ChatClient> model_;
  VoiceHooks voice_;
  ChatOptions options_;
};

}  // namespace echoes::chat
