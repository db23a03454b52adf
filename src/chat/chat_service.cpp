#include "chat/chat_service.h"

#include <mutex>

#include "chat/conversation_repository.h"
#include "chat/memory_repository.h"
#include "chat/persona_repository.h"
#include "chat/sentence_stream.h"
#include "chat/sources_json.h"
#include "common/error.h"
#include "common/log.h"
#include "common/utf8.h"

namespace echoes::chat {
namespace {

constexpr std::size_t kTitleBytes = 60;

// Serialises listener calls (text and audio come from two threads) and remembers
// whether the listener is still there.
class ListenerGate {
 public:
  explicit ListenerGate(const ChatListener* listener) : listener_(listener) {}

  bool text(std::string_view delta) {
    std::lock_guard lock(mutex_);
    if (alive_ && listener_ && listener_->on_text) alive_ = listener_->on_text(delta);
    return alive_;
  }
  bool audio(const SentenceAudio& audio) {
    std::lock_guard lock(mutex_);
    if (alive_ && listener_ && listener_->on_audio) alive_ = listener_->on_audio(audio);
    return alive_;
  }
  bool alive() {
    std::lock_guard lock(mutex_);
    return alive_;
  }

 private:
  const ChatListener* listener_;
  std::mutex mutex_;
  bool alive_ = true;
};

// Reply text as it is produced: to the listener, and sentence by sentence to the voicer.
class ReplyPipe {
 public:
  ReplyPipe(ListenerGate& gate, SentenceVoicer* voicer) : gate_(gate), voicer_(voicer) {}

  bool push(std::string_view delta) {
    const bool alive = gate_.text(delta);
    for (auto& sentence : sentences_.push(delta)) add(std::move(sentence));
    return alive;
  }
  void finish() {
    for (auto& sentence : sentences_.finish()) add(std::move(sentence));
  }

 private:
  void add(std::string sentence) {
    if (voicer_) voicer_->add(std::move(sentence));
  }

  ListenerGate& gate_;
  SentenceVoicer* voicer_;
  SentenceStream sentences_;
};

struct Generation {
  std::string text;
  int fallback_level = 0;
  std::string text_model = "ok";
  bool interrupted = false;
  bool truncated = false;
  std::optional<double> mean_token_probability;
};

Generation fallback_reply(const Retrieval& retrieval, const FallbackOptions& options, const llm::ModelError& why,
                          ReplyPipe& pipe) {
  Generation g;
  g.text_model = llm::failure_name(why.failure());
  g.text = memory_grounded_reply(retrieval, options);
  g.fallback_level = g.text.empty() ? 2 : 1;
  if (g.text.empty()) g.text = kNoMemoryReply;
  pipe.push(g.text);
  return g;
}

Generation generate(llm::ChatClient* model, const llm::CompletionRequest& request, const Retrieval& retrieval,
                    const FallbackOptions& fallback, ReplyPipe& pipe) {
  try {
    if (!model) throw llm::ModelError(llm::Failure::not_configured, "No text model is configured.");
    const auto completion = model->stream(request, [&pipe](std::string_view delta) { return pipe.push(delta); });
    if (completion.cancelled) return Generation{completion.text, 0, "ok", true};
    if (completion.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      throw llm::ModelError(llm::Failure::bad_reply, "The text model sent an empty reply.");
    }
    return Generation{completion.text, 0, "ok", false, completion.finish_reason == "length",
                      completion.mean_token_probability};
  } catch (const llm::ModelError& e) {
    if (e.failure() == llm::Failure::interrupted) return Generation{e.partial_text(), 0, "interrupted", true};
    return fallback_reply(retrieval, fallback, e, pipe);
  }
}

// The start of the first message, cut at a UTF-8 character boundary.
std::string title_from(const std::string& message) {
  if (message.size() <= kTitleBytes) return message;
  std::size_t end = kTitleBytes;
  while (end > 0 && (static_cast<unsigned char>(message[end]) & 0xC0) == 0x80) --end;
  return message.substr(0, end) + "...";
}

void validate(const ChatRequest& request, const ChatOptions& options) {
  if (request.message.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(error_code::kInvalidArgument, "Please write a message.");
  }
  if (utf8_char_count(request.message) > options.max_message_chars) {
    throw Error(error_code::kInvalidArgument,
                "The message is too long (at most " + std::to_string(options.max_message_chars) + " characters).");
  }
}

std::vector<MemoryHit> used_sources(const Retrieval& retrieval, int fallback_level) {
  if (fallback_level == 0) return retrieval.hits;
  if (fallback_level == 1) return {retrieval.hits.front()};
  return {};
}

}  // namespace

ChatService::ChatService(store::Database& db, std::shared_ptr<llm::ChatClient> model, VoiceHooks voice,
                         ChatOptions options)
    : db_(db), model_(std::move(model)), voice_(std::move(voice)), options_(std::move(options)) {}

std::optional<std::string> ChatService::voice_unavailable_reason(const std::string& user_id) {
  if (!voice_.speak || !voice_.unavailable_reason) return "voice_engine_missing";
  return voice_.unavailable_reason(user_id);
}

void ChatService::check(const std::string& user_id, const ChatRequest& request) {
  validate(request, options_);
  if (request.conversation_id && !ConversationRepository(db_).get(user_id, *request.conversation_id)) {
    throw Error(error_code::kNotFound, "There is no such conversation.");
  }
}

ChatReply ChatService::chat(const std::string& user_id, const ChatRequest& request, const ChatListener* listener) {
  validate(request, options_);
  ConversationRepository conversations(db_);
  MemoryRepository memories(db_);
  std::string conversation_id;
  if (request.conversation_id) {
    if (!conversations.get(user_id, *request.conversation_id)) {
      throw Error(error_code::kNotFound, "There is no such conversation.");
    }
    conversation_id = *request.conversation_id;
  } else {
    conversation_id = conversations.create(user_id, title_from(request.message)).id;
  }
  const auto history = conversations.messages(user_id, conversation_id, options_.history_messages);
  conversations.add_message(Message{"", conversation_id, user_id, message_role::kUser, request.message});
  const Retrieval retrieval = retrieve_memories(memories, user_id, request.message, options_.retrieval);
  const Persona persona = PersonaRepository(db_).get(user_id).value_or(Persona{});

  ChatReply reply;
  reply.conversation_id = conversation_id;
  reply.voice_requested = request.include_voice;
  reply.voice_unavailable_reason =
      request.include_voice ? voice_unavailable_reason(user_id).value_or("") : "not_requested";

  ListenerGate gate(listener);  // outlives the voicer, which calls it
  std::unique_ptr<SentenceVoicer> voicer;
  if (request.include_voice && reply.voice_unavailable_reason.empty()) {
    voicer = std::make_unique<SentenceVoicer>(user_id, voice_.speak,
                                              [&gate](const SentenceAudio& audio) { return gate.audio(audio); });
  }
  ReplyPipe pipe(gate, voicer.get());
  llm::CompletionRequest completion_request{
      build_prompt(persona, retrieval.hits, history, request.message, options_.prompt), options_.temperature,
      options_.max_tokens};
  Generation generation = generate(model_.get(), completion_request, retrieval, options_.fallback, pipe);
  pipe.finish();
  if (!gate.alive()) {
    generation.interrupted = true;
    if (voicer) voicer->cancel();
  }
  if (voicer) {
    reply.voice = voicer->finish();
    reply.voice_unavailable_reason = voicer->failure().value_or("");
  }

  reply.text = generation.text;
  reply.fallback_level = generation.fallback_level;
  reply.text_model = generation.text_model;
  reply.interrupted = generation.interrupted;
  reply.sources = used_sources(retrieval, generation.fallback_level);
  reply.confidence = reply_confidence({generation.fallback_level, retrieval.coverage,
                                       generation.mean_token_probability, generation.truncated,
                                       generation.interrupted});
  reply.message_id = conversations
                         .add_message(Message{"", conversation_id, user_id, message_role::kAssistant, reply.text,
                                              reply.confidence, sources_to_json_text(reply.sources),
                                              reply.fallback_level})
                         .id;
  log::info("chat_reply", {{"fallbackLevel", reply.fallback_level},
                           {"textModel", reply.text_model},
                           {"sentencesVoiced", reply.voice.size()},
                           {"confidence", reply.confidence}});
  return reply;
}

Capabilities ChatService::capabilities(const std::string& user_id) {
  Capabilities caps;
  const auto reason = voice_unavailable_reason(user_id);
  caps.voice_ready = !reason;
  caps.voice_reason = reason.value_or("");
  if (!model_ || !model_->configured()) {
    caps.text_model = "not_configured";
  } else {
    switch (model_->breaker_state()) {
      case llm::BreakerState::closed: caps.text_model = "ready"; break;
      case llm::BreakerState::open: caps.text_model = "circuit_open"; break;
      case llm::BreakerState::half_open: caps.text_model = "recovering"; break;
    }
  }
  caps.memory_count = MemoryRepository(db_).count(user_id);
  caps.persona_set = PersonaRepository(db_).get(user_id).has_value();
  return caps;
}

}  // namespace echoes::chat
