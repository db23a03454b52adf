#include "api_fixture.h"

#include <chrono>
#include <cstdio>
#include <thread>
#include <fstream>
#include <map>

#include "audio/decode.h"
#include "audio/encode.h"
#include "support/test_data.h"

namespace echoes::testing {

void ApiTest::SetUp() { restart(); }

void BackendApiTest::SetUp() {
  if (GetParam() == Backend::kPostgres) {
    require_postgres(database_url_);
    if (database_url_.empty()) return;  // skipped, or failed under CI=true
  }
  restart();
}

void ApiTest::restart(std::vector<std::string> extra_args) {
  if (!extra_args.empty()) server_args_ = extra_args;
  http_.reset();
  server_.reset();
  std::vector<std::string> args = server_args_;
  if (!database_url_.empty()) args.insert(args.begin(), {"--database-url", database_url_});
  server_ = std::make_unique<ServerProcess>(data_dir_.path(), args);
  http_ = server_->client();
}

void ApiTest::restart_without_consent_gate() {
  const auto config = config_dir_.path() / "echoes.conf";
  std::ofstream(config) << "require_consent = false\n";
  restart({"--config", config.string()});
}

std::string ApiTest::register_user(const std::string& email, const std::string& password) {
  const nlohmann::json request = {{"email", email}, {"password", password}, {"name", "Test Person"}};
  auto result = http_->Post("/api/auth/register", request.dump(), "application/json");
  EXPECT_TRUE(result);
  EXPECT_EQ(result->status, 201) << result->body;
  return body(result).value("token", "");
}

httplib::Result ApiTest::upload(const std::string& token, const std::string& bytes, const std::string& passage_id,
                                const std::string& filename) {
  httplib::MultipartFormDataItems items = {{"audio", bytes, filename, "audio/wav"},
                                           {"passageId", passage_id, "", ""}};
  return http_->Post("/api/voice/upload", bearer(token), items);
}

httplib::Result ApiTest::upload_with_transcript(const std::string& token, const std::string& bytes,
                                                const std::string& passage_id, const std::string& transcript) {
  httplib::MultipartFormDataItems items = {{"audio", bytes, "take.wav", "audio/wav"},
                                           {"passageId", passage_id, "", ""},
                                           {"transcript", transcript, "", ""}};
  return http_->Post("/api/voice/upload", bearer(token), items);
}

nlohmann::json ApiTest::body(const httplib::Result& result) {
  if (!result) return nlohmann::json::object();
  auto parsed = nlohmann::json::parse(result->body, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json::object() : parsed;
}

std::string kathleen_wav(double min_duration_s, int first_index) {
  audio::Audio joined;
  for (int index = first_index; joined.duration_s() < min_duration_s && index <= 593; ++index) {
    char name[64];
    std::snprintf(name, sizeof name, "arctic_a%04d.flac", index);
    const auto decoded = audio::decode_audio_file(speech_dir() / "kathleen" / "audio" / name);
    joined.samples.insert(joined.samples.end(), decoded.audio.samples.begin(), decoded.audio.samples.end());
  }
  const auto bytes = audio::encode_wav_pcm16(joined);
  return std::string(bytes.begin(), bytes.end());
}

SpokenText kathleen_prompts(int first_index, int count) {
  std::map<std::string, std::string> texts;
  std::ifstream tsv(speech_dir() / "kathleen" / "transcripts.tsv");
  for (std::string line; std::getline(tsv, line);) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) texts[line.substr(0, tab)] = line.substr(tab + 1);
  }
  audio::Audio joined;
  SpokenText spoken;
  for (int index = first_index; index < first_index + count; ++index) {
    char id[32];
    std::snprintf(id, sizeof id, "arctic_a%04d", index);
    const auto decoded = audio::decode_audio_file(speech_dir() / "kathleen" / "audio" / (std::string(id) + ".flac"));
    joined.samples.insert(joined.samples.end(), decoded.audio.samples.begin(), decoded.audio.samples.end());
    spoken.transcript += (spoken.transcript.empty() ? "" : " ") + texts[id];
  }
  const auto bytes = audio::encode_wav_pcm16(joined);
  spoken.wav.assign(bytes.begin(), bytes.end());
  return spoken;
}

nlohmann::json wait_for_job(httplib::Client& http, const std::string& token, const std::string& job_id) {
  nlohmann::json job;
  for (int i = 0; i < 600; ++i) {
    job = ApiTest::body(http.Get("/api/voice/train/" + job_id, bearer(token)))["job"];
    if (job["state"] == "done" || job["state"] == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return job;
}

std::string wav_bytes(const std::vector<float>& samples, int rate_hz) {
  audio::Audio audio;
  audio.samples = samples;
  audio.rate_hz = rate_hz;
  const auto bytes = audio::encode_wav_pcm16(audio);
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace echoes::testing
