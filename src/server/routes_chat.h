#pragma once
// AI Echo routes (docs/chat.md): /api/ai-echo/* (chat, conversations, memories, persona,
// capabilities) and the OpenAI-compatible /v1/audio/speech and /v1/models.
#include <httplib.h>

#include "chat/chat_service.h"
#include "chat/voice_hooks.h"
#include "server/context.h"
#include "server/route_table.h"

namespace echoes::server {

/// Registers /api/ai-echo/*. `chat` must outlive the server.
void register_chat_routes(RouteTable& http, ServerContext& context, chat::ChatService& chat);

/// Registers POST /v1/audio/speech (speaks with `speech`) and GET /v1/models (the
/// user's voices), both signed in with the user's bearer token.
void register_speech_routes(RouteTable& http, ServerContext& context, chat::SpeechFn speech);

}  // namespace echoes::server
