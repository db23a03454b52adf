#pragma once
// What route handlers share: the configuration and the services the server owns.
#include <functional>
#include <string>

#include <httplib.h>

#include "auth/accounts.h"
#include "common/config.h"
#include "store/database.h"
#include "store/file_store.h"
#include "store/object_store.h"
#include "store/records.h"
#include "studio/studio.h"
#include "studio/training_worker.h"
#include "server/rate_limiter.h"
#include "server/route_table.h"
#include "server/synthesis_budget.h"
#include "synth/engine.h"

namespace echoes::server {

/// Per-deployment abuse limits (config: *_per_minute).
struct Limits {
  SynthesisBudget synthesis;  // every route that makes audio
  RateLimiter uploads;
  RateLimiter logins;
  RateLimiter chats;
};

struct ServerContext {
  const Config& config;
  store::Database& db;
  store::FileStore& files;          // the data dir: voices, temp and scratch files
  const store::ObjectStore& audio;  // recordings and consent statements: `files` or object_store_url's store
  auth::AccountService& accounts;
  studio::Studio& studio;
  studio::TrainingWorker& training;
  synth::Engine& engine;
  Limits& limits;
};

using PlainHandler = std::function<void(const httplib::Request&, httplib::Response&)>;
using UserHandler = std::function<void(const store::User&, const httplib::Request&, httplib::Response&)>;

/// Wraps a handler: echoes::Error becomes the JSON error envelope with its status,
/// anything else a logged 500 without internals; every call is access-logged
/// (method, route, status, duration; never bodies).
httplib::Server::Handler guarded(const std::string& route, PlainHandler handler);

/// Like guarded(), and first resolves the bearer token to the signed-in user
/// (401 when missing, unknown, revoked or expired).
httplib::Server::Handler signed_in(ServerContext& context, const std::string& route, UserHandler handler);

void register_health_routes(RouteTable& http, ServerContext& context);
void register_auth_routes(RouteTable& http, ServerContext& context);
void register_voice_routes(RouteTable& http, ServerContext& context);
void register_recording_routes(RouteTable& http, ServerContext& context);
void register_train_routes(RouteTable& http, ServerContext& context);
void register_synthesize_routes(RouteTable& http, ServerContext& context);
void register_watermark_routes(RouteTable& http, ServerContext& context);
void register_metrics_routes(RouteTable& http, ServerContext& context);
void register_feedback_routes(RouteTable& http, ServerContext& context);

/// Gives the admin role to the accounts named in config.admin_emails (when they exist).
void apply_admin_emails(ServerContext& context);
void register_consent_routes(RouteTable& http, ServerContext& context);
/// GET /api/openapi.json: docs/openapi.json, embedded when the program is built.
void register_openapi_routes(RouteTable& http);

}  // namespace echoes::server
