#include "server/server.h"

#include <algorithm>
#include <filesystem>

#include "common/error.h"
#include "common/log.h"
#include "server/body_limits.h"
#include "server/context.h"
#include "chat/chat_service.h"
#include "server/http_util.h"
#include "server/httplib_access.h"
#include "server/reception.h"
#include "server/request_framing.h"
#include "server/routes_chat.h"
#include "store/voice_repository.h"
#include "server/voice_assessor.h"
#include "server/voice_builder.h"
#include "engines/fallback_engine.h"
#include "engines/remote_engine.h"
#include "engines/watermarking_engine.h"
#include "store/cleanup.h"
#include "store/job_repository.h"
#include "store/open_object_store.h"
#include "studio/voice_deletion.h"

namespace echoes::server {
namespace {

// The PostgreSQL URI when one is configured, else the SQLite file in the data folder.
std::string database_location(const Config& config) {
  std::filesystem::create_directories(config.data_dir);  // audio files live there with either database
  if (!config.database_url.empty()) return config.database_url;
  return (config.data_dir / "echoes.db").string();
}

studio::StudioOptions studio_options(const Config& config) {
  studio::StudioOptions options;
  options.max_upload_bytes = config.max_upload_bytes;
  options.max_recording_s = config.max_recording_s;
  options.storage_quota_bytes = static_cast<std::size_t>(config.storage_quota_mb * 1e6);
  options.require_consent = config.require_consent;
  options.verify_reading = config.verify_reading;
  return options;
}

auth::AccountOptions account_options(const Config& config) {
  auth::AccountOptions options;
  options.token_ttl_s = static_cast<double>(config.token_ttl_s);
  return options;
}

// Fills bodies of errors httplib produces itself (unknown route, payload too large).
void json_error_bodies(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return;
  if (res.status == 404) {
    send_error(res, error_code::kNotFound, "There is nothing at this address.");
  } else if (res.status == 413) {
    send_error(res, error_code::kTooLarge, "The upload is too large.");
  } else if (res.status >= 400) {
    const int status = res.status;
    send_error(res, error_code::kInvalidArgument, "The request could not be understood.");
    res.status = status;
  }
}

// The configured engine; with a remote URL the other engine is the fallback.
std::shared_ptr<synth::Engine> make_unmarked_engine(const Config& config) {
  auto embedded = std::make_shared<synth::EmbeddedEngine>();
  if (config.remote_tts_url.empty()) {
    if (config.engine == "remote") throw Error(error_code::kInvalidArgument, "engine = remote needs remote_tts_url");
    return embedded;
  }
  engines::RemoteEngineOptions options;
  options.base_url = config.remote_tts_url;
  options.model = config.remote_tts_model;
  options.api_key = config.remote_tts_api_key;
  options.read_timeout_s = config.remote_tts_timeout_s;
  auto remote_engine = std::make_shared<engines::RemoteEngine>(options);
  if (config.engine == "remote") return std::make_shared<engines::FallbackEngine>(remote_engine, embedded);
  return std::make_shared<engines::FallbackEngine>(embedded, remote_engine);
}

// The configured engine (with a remote URL the other engine is the fallback), wrapped so
// every clip is watermarked.
std::shared_ptr<synth::Engine> make_engine(const Config& config) {
  watermark::WatermarkOptions marking;
  if (!config.watermark_key.empty()) marking.key = config.watermark_key;
  return std::make_shared<engines::WatermarkingEngine>(make_unmarked_engine(config), marking);
}

std::shared_ptr<llm::ChatClient> make_text_model(const Config& config) {
  llm::ClientOptions options;
  options.base_url = config.llm_url;  // "" = no model: the echo answers from memories
  options.model = config.llm_model;
  options.api_key = config.llm_api_key;
  options.read_timeout_s = config.llm_timeout_s;
  return std::make_shared<llm::ChatClient>(options);
}

Limits make_limits(const Config& config, store::Database& db) {
  return {SynthesisBudget(db, config.synthesis_per_minute, config.synthesis_audio_s_per_minute),
          RateLimiter(db, "uploads", per_minute(config.uploads_per_minute)),
          RateLimiter(db, "logins", per_minute(config.login_attempts_per_minute)),
          RateLimiter(db, "chats", per_minute(config.chat_per_minute))};
}

// The echo speaks with the user's newest ready voice; what it says counts against the
// user's synthesis budget (the chat route admits the request).
chat::VoiceHooks chat_voice(studio::Studio& studio, synth::Engine& engine, SynthesisBudget& budget) {
  return {[&studio](const std::string& user_id) -> std::optional<std::string> {
            if (studio.ready_voice(user_id)) return std::nullopt;
            return std::string("voice_not_ready");
          },
          [&studio, &engine, &budget](const std::string& user_id,
                                      const std::string& sentence) -> std::optional<audio::Audio> {
            const auto voice = studio.ready_voice(user_id);
            if (!voice) return std::nullopt;
            audio::Audio spoken = engine.synthesize(voice->dir.string(), sentence, synth::SynthesisOptions{});
            budget.charge_audio(user_id, spoken.duration_s());
            return spoken;
          }};
}

// POST /v1/audio/speech: a named voice of the signed-in user.
chat::SpeechFn openai_speech(store::Database& db, store::FileStore& files, synth::Engine& engine) {
  return [&db, &files, &engine](const std::string& user_id, const std::string& voice_id, const std::string& text,
                                double speed) {
    const auto voice = store::VoiceRepository(db).get(user_id, voice_id);
    if (!voice || voice->status != "ready" || !voice->path) {
      throw Error(error_code::kConflict, "This voice is not ready yet.");
    }
    synth::SynthesisOptions options;
    options.speed = std::clamp(speed, 0.5, 2.0);  // engine range; the route accepts OpenAI's 0.25..4
    return engine.synthesize(files.resolve(*voice->path).string(), text, options);
  };
}

store::JobQueueOptions job_queue_options(const Config& config) {
  store::JobQueueOptions options;
  options.lease_s = config.job_lease_s;
  return options;
}

// SQLite is one node's database: whatever was running died with the previous process.
// On PostgreSQL other nodes may be running jobs right now: only expired leases are taken.
store::RequeueScope requeue_scope(const store::Database& db) {
  return db.dialect() == store::Dialect::kSqlite ? store::RequeueScope::all_running
                                                 : store::RequeueScope::expired_leases;
}

ReceptionOptions reception_options(const Config& config) {
  ReceptionOptions options;
  options.backlog = config.listen_backlog;
  options.max_connections = config.max_connections;
  options.max_connections_per_client = config.max_connections_per_client;
  options.request_timeout_s = config.request_timeout_s;
  options.request_min_rate_bytes_per_s = config.request_min_bytes_per_s;
  return options;
}

}  // namespace

struct Server::Impl {
  explicit Impl(const Config& cfg)
      : config(cfg),
        db(database_location(cfg)),
        files(cfg.data_dir),
        shared_audio(cfg.object_store_url.empty() ? nullptr : store::open_object_store(cfg)),
        audio(shared_audio ? *shared_audio : files),
        accounts(db, account_options(cfg)),
        studio(db, files, audio, studio_options(cfg)),
        training(db, files, audio, make_voice_builder(), make_voice_assessor(), job_queue_options(cfg)),
        engine(make_engine(cfg)),
        limits(make_limits(cfg, db)),
        context{config, db, files, audio, accounts, studio, training, *engine, limits} {}

  Config config;
  store::Database db;
  store::FileStore files;
  std::unique_ptr<store::ObjectStore> shared_audio;  // object_store_url's store; null: recordings in `files`
  const store::ObjectStore& audio;
  auth::AccountService accounts;
  studio::Studio studio;
  studio::TrainingWorker training;
  std::shared_ptr<synth::Engine> engine;
  Limits limits;
  ServerContext context;
  // Declared after the database so it is destroyed first.
  chat::ChatService chat{db, make_text_model(config), chat_voice(studio, *engine, limits.synthesis)};
  // Holds the routes and serves each connection the reception hands it; never listens itself.
  httplib::Server http;
  RouteTable routes{http};  // every route below registers through it
  Reception reception{reception_options(config), std::max(2, config.http_threads),
                      [this](int socket) { httplib_access::serve_socket(http, socket); }};
};

void Server::register_api_routes(Impl& impl) {
  auto& routes = impl.routes;
  register_auth_routes(routes, impl.context);
  register_voice_routes(routes, impl.context);
  register_recording_routes(routes, impl.context);
  register_train_routes(routes, impl.context);
  register_consent_routes(routes, impl.context);
  register_synthesize_routes(routes, impl.context);
  register_watermark_routes(routes, impl.context);
  register_metrics_routes(routes, impl.context);
  register_feedback_routes(routes, impl.context);
  register_chat_routes(routes, impl.context, impl.chat);
  register_speech_routes(routes, impl.context, openai_speech(impl.db, impl.files, *impl.engine));
  register_openapi_routes(routes);
}

Server::Server(const Config& config) : impl_((log::set_level(config.log_level), std::make_unique<Impl>(config))) {
  // Repair what a crash may have left before any request or worker runs.
  const auto cleanup = store::cleanup_orphans(impl_->db, impl_->files, impl_->shared_audio.get());
  const auto requeue =
      store::JobRepository(impl_->db, job_queue_options(config)).requeue_interrupted(requeue_scope(impl_->db));
  const int interrupted_voices = studio::remove_interrupted_builds(impl_->db, impl_->files);
  log::info("startup_repair", {{"tempFilesRemoved", cleanup.temp_files_removed},
                               {"orphanFilesRemoved", cleanup.orphan_files_removed},
                               {"orphanFilesKept", cleanup.orphan_files_kept},
                               {"recordingsMarkedMissing", cleanup.recordings_marked_missing},
                               {"jobsRequeued", requeue.requeued},
                               {"jobsFailed", requeue.failed},
                               {"interruptedVoicesRemoved", interrupted_voices}});
  apply_admin_emails(impl_->context);
  auto& http = impl_->http;
  auto& routes = impl_->routes;
  // The outer bound; each route has its own, smaller or equal (server/body_limits.h).
  http.set_payload_max_length(upload_body_bytes(config));
  http.set_error_handler(json_error_bodies);
  refuse_ambiguous_framing(http);
  // One request per connection: cpp-httplib reads ahead into a buffer it drops after each
  // request, so requests pipelined behind the first would be lost without an answer
  // (yhirose/cpp-httplib#1271, not planned upstream). "Connection: close" on every
  // answer tells the client that nothing after it on this connection was served.
  http.set_keep_alive_max_count(1);
  register_health_routes(routes, impl_->context);
  if (config.role != "worker") register_api_routes(*impl_);  // a worker's HTTP is for its health
  refuse_unrouted_bodies(http);  // last: it matches every address
  if (config.role != "worker" && !config.web_dir.empty() && std::filesystem::is_directory(config.web_dir)) {
    http.set_mount_point("/", config.web_dir.string());
  }
}

Server::~Server() = default;

int Server::bind() {
  const auto& config = impl_->config;
  const int port = impl_->reception.bind(config.listen_host, config.listen_port);
  if (port < 0) {
    throw Error(error_code::kUnavailable, "cannot listen on " + config.listen_host + ":" +
                                              std::to_string(config.listen_port) + " (in use or not allowed)");
  }
  httplib_access::set_listening_socket(impl_->http, impl_->reception.listening_socket());
  log::info("listening", {{"host", config.listen_host}, {"port", port}});
  return port;
}

void Server::serve() {
  // After the start-up repair requeued interrupted jobs; an API-only node builds nothing.
  if (impl_->config.role != "api") impl_->training.start();
  impl_->reception.run();
  impl_->training.stop();
}

void Server::stop() { impl_->reception.stop(); }

const std::vector<RouteEntry>& Server::routes() const { return impl_->routes.entries(); }

}  // namespace echoes::server
