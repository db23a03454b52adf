// /api/ai-echo/*: chat (whole or server-sent events), conversations, memories, persona.
#include "server/body_limits.h"
#include "server/routes_chat.h"

#include <chrono>

#include "metrics/registry.h"

#include "chat/chat_json.h"
#include "chat/conversation_repository.h"
#include "chat/memory_repository.h"
#include "chat/passage_memories.h"
#include "chat/persona_repository.h"
#include "common/error.h"
#include "common/log.h"
#include "server/http_util.h"

namespace echoes::server {
namespace {

using nlohmann::json;

constexpr const char* kIdPattern = "([0-9a-f]{32})";
constexpr std::size_t kMaxMemoryChars = 20'000;
constexpr std::size_t kMaxTitleChars = 200;
constexpr std::size_t kMaxPersonaFieldChars = 500;

// Model text may hold invalid UTF-8; replace it rather than fail the whole reply.
std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

void send_json_safe(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(dump(body), "application/json");
}

chat::ChatRequest chat_request(const json& body) {
  chat::ChatRequest request;
  request.message = required_string(body, "message", 100'000);  // the service enforces its own limit
  request.include_voice = optional_bool(body, "includeVoice", false);
  const std::string conversation = optional_string(body, "conversationId", "", 64);
  if (!conversation.empty()) request.conversation_id = conversation;
  return request;
}

// Length of the longest prefix of `text` that does not end inside a UTF-8 character, so
// an SSE delta never splits one (the model may cut a character between two tokens).
std::size_t complete_utf8_prefix(const std::string& text) {
  std::size_t start = text.size();
  for (int back = 0; back < 4 && start > 0; ++back) {
    const auto byte = static_cast<unsigned char>(text[start - 1]);
    if ((byte & 0xC0) != 0x80) {  // a lead byte (or ASCII): is its sequence complete?
      const std::size_t need = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
      return text.size() - (start - 1) >= need ? text.size() : start - 1;
    }
    --start;
  }
  return text.size();
}

// Writes the reply as server-sent events: text, audio (per sentence), done | error.
// Reply latency and how far down the fallback chain the reply came (0 model, 1 memories,
// 2 "no memory"), for /metrics.
chat::ChatReply timed_chat(chat::ChatService& chat, const std::string& user_id, const chat::ChatRequest& request,
                           const chat::ChatListener* listener) {
  const auto started = std::chrono::steady_clock::now();
  chat::ChatReply reply = chat.chat(user_id, request, listener);
  const double elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto& metrics = metrics::Registry::global();
  metrics.observe("echoes_chat_reply_seconds", elapsed_s, {{"mode", listener ? "stream" : "whole"}});
  metrics.increment("echoes_chat_replies_total",
                    {{"fallback_level", std::to_string(reply.fallback_level)}, {"text_model", reply.text_model}});
  return reply;
}

void stream_chat(chat::ChatService& chat, const std::string& user_id, const chat::ChatRequest& request,
                 httplib::DataSink& sink) {
  auto write_event = [&sink](const char* name, const json& data) {
    const std::string event = std::string("event: ") + name + "\ndata: " + dump(data) + "\n\n";
    return sink.write(event.data(), event.size());
  };
  std::string pending;  // bytes of a UTF-8 character not yet complete
  chat::ChatListener listener;
  listener.on_text = [&](std::string_view delta) {
    pending.append(delta);
    const std::size_t ready = complete_utf8_prefix(pending);
    if (ready == 0) return true;
    const bool alive = write_event("text", {{"delta", pending.substr(0, ready)}});
    pending.erase(0, ready);
    return alive;
  };
  listener.on_audio = [&](const chat::SentenceAudio& audio) {
    return write_event("audio", chat::sentence_audio_to_json(audio));
  };
  try {
    const auto reply = timed_chat(chat, user_id, request, &listener);
    if (!pending.empty()) write_event("text", {{"delta", pending}});
    write_event("done", chat::reply_to_json(reply, chat.capabilities(user_id), false));
  } catch (const Error& e) {
    write_event("error", {{"code", e.code()}, {"message", e.what()}});
  } catch (const std::exception& e) {
    log::error("chat_stream_failed", {{"what", e.what()}});
    write_event("error", {{"code", error_code::kInternal}, {"message", "Something went wrong on our side."}});
  }
  sink.done();
}

// Every message counts against the chat limit; a spoken reply also against the
// synthesis budget (its audio is charged as it is made, see server.cpp).
void admit_chat(Limits& limits, const std::string& user_id, const chat::ChatRequest& request) {
  enforce(limits.chats, user_id, "messages to your echo");
  if (request.include_voice) limits.synthesis.admit(user_id);
}

void handle_chat(ServerContext& context, chat::ChatService& chat, const store::User& user,
                 const httplib::Request& req, httplib::Response& res) {
  const json body = parse_json_object(req);
  const chat::ChatRequest request = chat_request(body);
  admit_chat(context.limits, user.id, request);
  if (!optional_bool(body, "stream", false)) {
    const auto reply = timed_chat(chat, user.id, request, nullptr);
    send_json_safe(res, 200, chat::reply_to_json(reply, chat.capabilities(user.id), true));
    return;
  }
  chat.check(user.id, request);  // bad input: a plain JSON error, before any event
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Accel-Buffering", "no");  // tell proxies not to hold the stream back
  res.set_chunked_content_provider("text/event-stream",
                                   [&chat, user_id = user.id, request](size_t, httplib::DataSink& sink) {
                                     stream_chat(chat, user_id, request, sink);
                                     return true;
                                   });
}

void register_conversation_routes(RouteTable& http, ServerContext& context) {
  http.Get("/api/ai-echo/conversations",
           signed_in(context, "/api/ai-echo/conversations",
                     [&context](const store::User& user, const httplib::Request&, httplib::Response& res) {
                       json list = json::array();
                       for (const auto& c : chat::ConversationRepository(context.db).list(user.id)) {
                         list.push_back(chat::conversation_to_json(c));
                       }
                       send_json_safe(res, 200, {{"conversations", list}});
                     }));
  http.Get(std::string("/api/ai-echo/conversations/") + kIdPattern,
           signed_in(context, "/api/ai-echo/conversations/:id",
                     [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                       chat::ConversationRepository conversations(context.db);
                       const auto conversation = conversations.get(user.id, req.matches[1]);
                       if (!conversation) throw Error(error_code::kNotFound, "There is no such conversation.");
                       json messages = json::array();
                       for (const auto& m : conversations.messages(user.id, conversation->id)) {
                         messages.push_back(chat::message_to_json(m));
                       }
                       send_json_safe(res, 200, {{"conversation", chat::conversation_to_json(*conversation)},
                                                 {"messages", messages}});
                     }));
  http.Delete(std::string("/api/ai-echo/conversations/") + kIdPattern,
              capped_body(kSmallBodyBytes, signed_in(context, "/api/ai-echo/conversations/:id",
                        [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                          if (!chat::ConversationRepository(context.db).remove(user.id, req.matches[1])) {
                            throw Error(error_code::kNotFound, "There is no such conversation.");
                          }
                          send_json(res, 200, {{"deleted", true}, {"id", req.matches[1]}});
                        })));
}

void add_memory(ServerContext& context, const store::User& user, const httplib::Request& req,
                httplib::Response& res) {
  const json body = parse_json_object(req);
  const std::string text = required_string(body, "text", kMaxMemoryChars);
  const std::string title = optional_string(body, "title", "", kMaxTitleChars);
  const auto memory = chat::MemoryRepository(context.db).add(user.id, title, text, chat::memory_source::kUser);
  send_json_safe(res, 201, {{"memory", chat::memory_to_json(memory)}});
}

void register_memory_routes(RouteTable& http, ServerContext& context) {
  http.Post("/api/ai-echo/memories",
            capped_body(kJsonBodyBytes, signed_in(context, "/api/ai-echo/memories",
                      [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                        add_memory(context, user, req, res);
                      })));
  http.Get("/api/ai-echo/memories",
           signed_in(context, "/api/ai-echo/memories",
                     [&context](const store::User& user, const httplib::Request&, httplib::Response& res) {
                       json list = json::array();
                       for (const auto& m : chat::MemoryRepository(context.db).list(user.id)) {
                         list.push_back(chat::memory_to_json(m));
                       }
                       send_json_safe(res, 200, {{"memories", list}});
                     }));
  http.Delete(std::string("/api/ai-echo/memories/") + kIdPattern,
              capped_body(kSmallBodyBytes, signed_in(context, "/api/ai-echo/memories/:id",
                        [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                          if (!chat::MemoryRepository(context.db).remove(user.id, req.matches[1])) {
                            throw Error(error_code::kNotFound, "There is no such memory.");
                          }
                          send_json(res, 200, {{"deleted", true}, {"id", req.matches[1]}});
                        })));
  http.Post("/api/ai-echo/memories/import-passages",
            capped_body(kSmallBodyBytes, signed_in(context, "/api/ai-echo/memories/import-passages",
                      [&context](const store::User& user, const httplib::Request&, httplib::Response& res) {
                        const int added = chat::import_passage_memories(context.db, user.id);
                        send_json(res, 200, {{"added", added}});
                      })));
}

void put_persona(ServerContext& context, const store::User& user, const httplib::Request& req,
                 httplib::Response& res) {
  const json body = parse_json_object(req);
  const auto persona = chat::PersonaRepository(context.db)
                           .put(user.id, optional_string(body, "name", "", kMaxPersonaFieldChars),
                                optional_string(body, "speakingStyle", "", kMaxPersonaFieldChars),
                                optional_string(body, "audience", "", kMaxPersonaFieldChars));
  send_json_safe(res, 200, {{"persona", chat::persona_to_json(persona)}});
}

void register_persona_routes(RouteTable& http, ServerContext& context, chat::ChatService& chat) {
  http.Get("/api/ai-echo/persona",
           signed_in(context, "/api/ai-echo/persona",
                     [&context](const store::User& user, const httplib::Request&, httplib::Response& res) {
                       const auto persona = chat::PersonaRepository(context.db).get(user.id);
                       send_json_safe(res, 200,
                                      {{"persona", persona ? chat::persona_to_json(*persona) : json(nullptr)}});
                     }));
  http.Put("/api/ai-echo/persona",
           capped_body(kJsonBodyBytes, signed_in(context, "/api/ai-echo/persona",
                     [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                       put_persona(context, user, req, res);
                     })));
  http.Get("/api/ai-echo/capabilities",
           signed_in(context, "/api/ai-echo/capabilities",
                     [&chat](const store::User& user, const httplib::Request&, httplib::Response& res) {
                       send_json(res, 200, {{"capabilities", chat::capabilities_to_json(chat.capabilities(user.id))}});
                     }));
}

}  // namespace

void register_chat_routes(RouteTable& http, ServerContext& context, chat::ChatService& chat) {
  http.Post("/api/ai-echo/chat",
            capped_body(kJsonBodyBytes, signed_in(context, "/api/ai-echo/chat",
                      [&context, &chat](const store::User& user, const httplib::Request& req,
                                        httplib::Response& res) {
                        handle_chat(context, chat, user, req, res);
                      })));
  register_conversation_routes(http, context);
  register_memory_routes(http, context);
  register_persona_routes(http, context, chat);
}

}  // namespace echoes::server
