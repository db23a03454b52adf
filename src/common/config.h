#pragma once
// Service configuration. Precedence: command-line flags > ECHOES_* environment >
// config file > defaults. Every field has a sane default so `echoes serve` just works.
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>

namespace echoes {

struct Config {
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  std::filesystem::path data_dir = "data";      // SQLite database + audio files
  // PostgreSQL instead of the embedded SQLite file: a libpq URI (postgresql://user:pass@host/db).
  // Empty = SQLite under data_dir. Holds a password: never logged as is.
  std::string database_url = "";
  // Where recordings (and consent statements) are kept: empty = files under data_dir;
  // "file:///dir" = files under another folder; "s3://bucket[/prefix]" = an S3-compatible
  // service at s3_endpoint (docs/architecture.md, Object store).
  std::string object_store_url = "";
  std::string s3_endpoint = "";                 // e.g. https://s3.eu-west-1.amazonaws.com or http://rgw:7480
  std::string s3_region = "us-east-1";
  std::string s3_access_key = "";
  std::string s3_secret_key = "";               // never logged
  std::filesystem::path web_dir = "";           // static UI files; empty = none served
  std::size_t max_upload_bytes = 50'000'000;    // per uploaded recording
  double max_recording_s = 600.0;               // per uploaded recording
  long long token_ttl_s = 7LL * 24 * 3600;      // bearer token lifetime
  int http_threads = 8;                         // request workers; a streamed answer holds one while it streams
  int listen_backlog = 128;                     // connections the kernel queues before they are accepted
  // Connections wait outside the workers until their request has arrived (server/reception.h).
  int max_connections = 512;                    // open connections, all clients together
  int max_connections_per_client = 32;          // open connections from one IP address
  double request_timeout_s = 20.0;              // time for a request to arrive, plus one second...
  double request_min_bytes_per_s = 4096;        // ...for every this many bytes received
  std::string log_level = "info";               // trace|debug|info|warn|error|off
  // What this node does: "all" (serve the API and build voices), "api" (serve only) or
  // "worker" (build voices; HTTP answers /healthz only). Many nodes share PostgreSQL.
  std::string role = "all";
  double job_lease_s = 30.0;                    // a build's claim lasts this long unless renewed
  // Text model for the AI Echo (OpenAI-compatible chat completions). Empty URL = none:
  // the echo then answers from memories only (docs/chat.md).
  std::string llm_url = "";                     // base URL, e.g. http://127.0.0.1:8081/v1
  std::string llm_model = "";                   // model name sent in each request
  std::string llm_api_key = "";                 // sent as "Authorization: Bearer"; empty = none
  double llm_timeout_s = 30.0;                  // longest silence from the model before giving up
  // Synthesis engine: "embedded" (default, in-process) or "remote" (an OpenAI-compatible
  // /v1/audio/speech server). With a remote URL set, the other engine is the fallback.
  std::string engine = "embedded";
  std::string remote_tts_url = "";              // e.g. http://gpu-box:8000/v1; empty = no remote
  std::string remote_tts_model = "tts-1";
  std::string remote_tts_api_key = "";
  double remote_tts_timeout_s = 30.0;
  // Secret key of the audio watermark in every synthesized clip (docs/watermark.md).
  // Empty = the built-in key, which anyone can read: set your own per deployment.
  std::string watermark_key = "";
  // Abuse limits (per user unless noted): sustained requests per minute, bursts of the same size.
  // Synthesis is one budget across every route that makes audio (/api/voice/synthesize,
  // /v1/audio/speech, spoken AI Echo replies): requests and seconds of audio per minute.
  double synthesis_per_minute = 60;
  double synthesis_audio_s_per_minute = 300;
  double chat_per_minute = 30;            // AI Echo messages, spoken or not
  double uploads_per_minute = 30;
  double login_attempts_per_minute = 10;  // per email and client address
  double storage_quota_mb = 1000;          // recordings kept per user
  std::string admin_emails = "";           // comma-separated accounts with the operator (admin) role
  // Voice building needs the spoken consent statement (docs/consent.md). Only deployments
  // that obtain consent another way (or test rigs) turn this off.
  bool require_consent = true;
  // Every take is checked against its passage sentence by sentence (docs/studio-read-along.md);
  // takes that read too little are not counted. Only test rigs whose audio cannot read the
  // passages turn this off.
  bool verify_reading = true;
};

/// Parses "key = value" lines ('#' comments, blank lines ignored) into a map.
/// Throws echoes::Error(kInvalidArgument) on a malformed line.
std::map<std::string, std::string> parse_config_text(const std::string& text);

/// Applies known keys (listen, data_dir, database_url, object_store_url, s3_endpoint, s3_region,
/// s3_access_key, s3_secret_key, web_dir, max_upload_mb, max_recording_s,
/// token_ttl_s, http_threads, listen_backlog, max_connections, max_connections_per_client,
/// request_timeout_s, request_min_bytes_per_s, log_level, role, job_lease_s, llm_url, llm_model, llm_api_key, llm_timeout_s,
/// engine, remote_tts_url, remote_tts_model, remote_tts_api_key, remote_tts_timeout_s, watermark_key, synthesis_per_minute,
/// synthesis_audio_s_per_minute, chat_per_minute, uploads_per_minute, login_attempts_per_minute, storage_quota_mb, require_consent, verify_reading) to `config`. Unknown keys throw
/// kInvalidArgument so typos are not silently ignored. `source` names the origin in messages.
void apply_config_values(Config& config, const std::map<std::string, std::string>& values,
                         const std::string& source);

/// Reads ECHOES_<KEY> variables (e.g. ECHOES_LISTEN, ECHOES_DATA_DIR) into a map of keys.
std::map<std::string, std::string> config_values_from_env();

/// Splits "host:port" (or ":port", or "port") into the config's listen fields.
void set_listen_address(Config& config, const std::string& address);

}  // namespace echoes

namespace echoes {

/// Builds the effective configuration: defaults, then the config file (`config_file`,
/// else $ECHOES_CONFIG, else none), then ECHOES_* environment, then `flag_values`
/// (keys as in apply_config_values). Throws kInvalidArgument for unreadable files or bad values.
Config resolve_config(const std::filesystem::path& config_file,
                      const std::map<std::string, std::string>& flag_values);

}  // namespace echoes
