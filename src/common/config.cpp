#include "common/config.h"

#include <cstdlib>
#include <functional>
#include <sstream>

#include "common/error.h"

namespace echoes {
namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

double parse_number(const std::string& key, const std::string& value, const std::string& source) {
  try {
    std::size_t used = 0;
    const double number = std::stod(value, &used);
    if (used == value.size()) return number;
  } catch (const std::exception&) {
  }
  throw Error(error_code::kInvalidArgument,
              source + ": '" + key + "' needs a number, got '" + value + "'");
}

double parse_positive(const std::string& key, const std::string& value, const std::string& source) {
  const double number = parse_number(key, value, source);
  if (!(number > 0)) throw Error(error_code::kInvalidArgument, source + ": '" + key + "' must be more than 0");
  return number;
}

using Setter = std::function<void(Config&, const std::string& value, const std::string& source)>;

const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> table = {
      {"listen", [](Config& c, const std::string& v, const std::string&) { set_listen_address(c, v); }},
      {"data_dir", [](Config& c, const std::string& v, const std::string&) { c.data_dir = v; }},
      {"database_url",
       [](Config& c, const std::string& v, const std::string& src) {
         if (!v.empty() && v.rfind("postgresql://", 0) != 0 && v.rfind("postgres://", 0) != 0) {
           throw Error(error_code::kInvalidArgument, src + ": 'database_url' must start with postgresql://");
         }
         c.database_url = v;
       }},
      {"object_store_url",
       [](Config& c, const std::string& v, const std::string& src) {
         if (!v.empty() && v.rfind("file://", 0) != 0 && v.rfind("s3://", 0) != 0) {
           throw Error(error_code::kInvalidArgument, src + ": 'object_store_url' must start with file:// or s3://");
         }
         c.object_store_url = v;
       }},
      {"s3_endpoint", [](Config& c, const std::string& v, const std::string&) { c.s3_endpoint = v; }},
      {"s3_region", [](Config& c, const std::string& v, const std::string&) { c.s3_region = v; }},
      {"s3_access_key", [](Config& c, const std::string& v, const std::string&) { c.s3_access_key = v; }},
      {"s3_secret_key", [](Config& c, const std::string& v, const std::string&) { c.s3_secret_key = v; }},
      {"web_dir", [](Config& c, const std::string& v, const std::string&) { c.web_dir = v; }},
      {"max_upload_mb",
       [](Config& c, const std::string& v, const std::string& src) {
         c.max_upload_bytes = static_cast<std::size_t>(parse_number("max_upload_mb", v, src) * 1e6);
       }},
      {"max_recording_s",
       [](Config& c, const std::string& v, const std::string& src) {
         c.max_recording_s = parse_number("max_recording_s", v, src);
       }},
      {"token_ttl_s",
       [](Config& c, const std::string& v, const std::string& src) {
         c.token_ttl_s = static_cast<long long>(parse_number("token_ttl_s", v, src));
       }},
      {"http_threads",
       [](Config& c, const std::string& v, const std::string& src) {
         c.http_threads = static_cast<int>(parse_number("http_threads", v, src));
       }},
      {"listen_backlog",
       [](Config& c, const std::string& v, const std::string& src) {
         const double backlog = parse_number("listen_backlog", v, src);
         if (backlog < 1) throw Error(error_code::kInvalidArgument, src + ": 'listen_backlog' must be at least 1");
         c.listen_backlog = static_cast<int>(backlog);
       }},
      {"max_connections",
       [](Config& c, const std::string& v, const std::string& src) {
         c.max_connections = static_cast<int>(parse_positive("max_connections", v, src));
       }},
      {"max_connections_per_client",
       [](Config& c, const std::string& v, const std::string& src) {
         c.max_connections_per_client = static_cast<int>(parse_positive("max_connections_per_client", v, src));
       }},
      {"request_timeout_s",
       [](Config& c, const std::string& v, const std::string& src) {
         c.request_timeout_s = parse_positive("request_timeout_s", v, src);
       }},
      {"request_min_bytes_per_s",
       [](Config& c, const std::string& v, const std::string& src) {
         c.request_min_bytes_per_s = parse_positive("request_min_bytes_per_s", v, src);
       }},
      {"log_level", [](Config& c, const std::string& v, const std::string&) { c.log_level = v; }},
      {"role",
       [](Config& c, const std::string& v, const std::string& src) {
         if (v != "all" && v != "api" && v != "worker") {
           throw Error(error_code::kInvalidArgument, src + ": 'role' must be all, api or worker");
         }
         c.role = v;
       }},
      {"job_lease_s",
       [](Config& c, const std::string& v, const std::string& src) {
         c.job_lease_s = parse_positive("job_lease_s", v, src);
       }},
      {"engine",
       [](Config& c, const std::string& v, const std::string& src) {
         if (v != "embedded" && v != "remote") {
           throw Error(error_code::kInvalidArgument, src + ": 'engine' must be embedded or remote");
         }
         c.engine = v;
       }},
      {"remote_tts_url", [](Config& c, const std::string& v, const std::string&) { c.remote_tts_url = v; }},
      {"remote_tts_model", [](Config& c, const std::string& v, const std::string&) { c.remote_tts_model = v; }},
      {"remote_tts_api_key", [](Config& c, const std::string& v, const std::string&) { c.remote_tts_api_key = v; }},
      {"remote_tts_timeout_s",
       [](Config& c, const std::string& v, const std::string& src) {
         c.remote_tts_timeout_s = parse_number("remote_tts_timeout_s", v, src);
       }},
      {"watermark_key", [](Config& c, const std::string& v, const std::string&) { c.watermark_key = v; }},
      {"synthesis_per_minute",
       [](Config& c, const std::string& v, const std::string& src) {
         c.synthesis_per_minute = parse_number("synthesis_per_minute", v, src);
       }},
      {"synthesis_audio_s_per_minute",
       [](Config& c, const std::string& v, const std::string& src) {
         c.synthesis_audio_s_per_minute = parse_number("synthesis_audio_s_per_minute", v, src);
       }},
      {"chat_per_minute",
       [](Config& c, const std::string& v, const std::string& src) {
         c.chat_per_minute = parse_number("chat_per_minute", v, src);
       }},
      {"uploads_per_minute",
       [](Config& c, const std::string& v, const std::string& src) {
         c.uploads_per_minute = parse_number("uploads_per_minute", v, src);
       }},
      {"login_attempts_per_minute",
       [](Config& c, const std::string& v, const std::string& src) {
         c.login_attempts_per_minute = parse_number("login_attempts_per_minute", v, src);
       }},
      {"storage_quota_mb",
       [](Config& c, const std::string& v, const std::string& src) {
         c.storage_quota_mb = parse_number("storage_quota_mb", v, src);
       }},
      {"require_consent",
       [](Config& c, const std::string& v, const std::string& src) {
         if (v != "true" && v != "false") {
           throw Error(error_code::kInvalidArgument, src + ": 'require_consent' must be true or false");
         }
         c.require_consent = v == "true";
       }},
      {"verify_reading",
       [](Config& c, const std::string& v, const std::string& src) {
         if (v != "true" && v != "false") {
           throw Error(error_code::kInvalidArgument, src + ": 'verify_reading' must be true or false");
         }
         c.verify_reading = v == "true";
       }},
      {"admin_emails", [](Config& c, const std::string& v, const std::string&) { c.admin_emails = v; }},
      {"llm_url", [](Config& c, const std::string& v, const std::string&) { c.llm_url = v; }},
      {"llm_model", [](Config& c, const std::string& v, const std::string&) { c.llm_model = v; }},
      {"llm_api_key", [](Config& c, const std::string& v, const std::string&) { c.llm_api_key = v; }},
      {"llm_timeout_s",
       [](Config& c, const std::string& v, const std::string& src) {
         const double timeout_s = parse_number("llm_timeout_s", v, src);
         if (timeout_s <= 0) throw Error(error_code::kInvalidArgument, src + ": 'llm_timeout_s' must be positive");
         c.llm_timeout_s = timeout_s;
       }},
  };
  return table;
}

}  // namespace

std::map<std::string, std::string> parse_config_text(const std::string& text) {
  std::map<std::string, std::string> values;
  std::istringstream lines(text);
  std::string line;
  int line_number = 0;
  while (std::getline(lines, line)) {
    ++line_number;
    const std::string content = trim(line.substr(0, line.find('#')));
    if (content.empty()) continue;
    const auto equals = content.find('=');
    if (equals == std::string::npos) {
      throw Error(error_code::kInvalidArgument,
                  "config line " + std::to_string(line_number) + " is not 'key = value'");
    }
    values[trim(content.substr(0, equals))] = trim(content.substr(equals + 1));
  }
  return values;
}

void apply_config_values(Config& config, const std::map<std::string, std::string>& values,
                         const std::string& source) {
  for (const auto& [key, value] : values) {
    const auto setter = setters().find(key);
    if (setter == setters().end()) {
      throw Error(error_code::kInvalidArgument, source + ": unknown setting '" + key + "'");
    }
    setter->second(config, value, source);
  }
}

std::map<std::string, std::string> config_values_from_env() {
  std::map<std::string, std::string> values;
  for (const auto& [key, setter] : setters()) {
    std::string name = "ECHOES_";
    for (char ch : key) name += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (const char* value = std::getenv(name.c_str()); value && *value) values[key] = value;
  }
  return values;
}

void set_listen_address(Config& config, const std::string& address) {
  const auto colon = address.rfind(':');
  std::string host = colon == std::string::npos ? "" : address.substr(0, colon);
  const std::string port = colon == std::string::npos ? address : address.substr(colon + 1);
  const double port_number = parse_number("listen", port, "listen address");
  if (port_number < 0 || port_number > 65535) {
    throw Error(error_code::kInvalidArgument, "listen port must be 0..65535");
  }
  if (!host.empty()) config.listen_host = host;
  config.listen_port = static_cast<int>(port_number);
}

}  // namespace echoes

#include <fstream>

namespace echoes {

Config resolve_config(const std::filesystem::path& config_file,
                      const std::map<std::string, std::string>& flag_values) {
  Config config;
  std::filesystem::path file = config_file;
  if (file.empty()) {
    if (const char* env = std::getenv("ECHOES_CONFIG"); env && *env) file = env;
  }
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) throw Error(error_code::kInvalidArgument, "cannot read the config file " + file.string());
    std::stringstream text;
    text << in.rdbuf();
    apply_config_values(config, parse_config_text(text.str()), "config file");
  }
  apply_config_values(config, config_values_from_env(), "environment");
  apply_config_values(config, flag_values, "command line");
  return config;
}

}  // namespace echoes
