// Streaming time to first audio byte over HTTP (issue 3): a real server in-process, a
// voice trained through the API from ~3.5 minutes of Kathleen's prompts (with their
// transcripts), then POST /api/voice/synthesize {stream:true} of a 25-word text, measuring
// from sending the request to receiving the first audio bytes (the WAV header travels
// with the first sentence's samples): one client after another, then 16 and 64 clients at
// once.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "audio/decode.h"
#include "audio/encode.h"
#include "bench.h"
#include "server/server.h"
#include "support/temp_dir.h"
#include "support/test_data.h"

namespace {

using echoes::testing::speech_dir;

struct Spoken {
  std::string wav;
  std::string transcript;
};

Spoken kathleen_prompts(int first, int count) {
  std::map<std::string, std::string> texts;
  std::ifstream tsv(speech_dir() / "kathleen" / "transcripts.tsv");
  for (std::string line; std::getline(tsv, line);) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) texts[line.substr(0, tab)] = line.substr(tab + 1);
  }
  echoes::audio::Audio joined;
  Spoken spoken;
  for (int index = first; index < first + count; ++index) {
    char id[32];
    std::snprintf(id, sizeof id, "arctic_a%04d", index);
    const auto decoded = echoes::audio::decode_audio_file(speech_dir() / "kathleen" / "audio" / (std::string(id) + ".flac"));
    joined.samples.insert(joined.samples.end(), decoded.audio.samples.begin(), decoded.audio.samples.end());
    spoken.transcript += " " + texts[id];
  }
  const auto bytes = echoes::audio::encode_wav_pcm16(joined);
  spoken.wav.assign(bytes.begin(), bytes.end());
  return spoken;
}

/// Milliseconds from sending a streaming synthesis request to its first audio bytes; < 0
/// when no audio came.
double stream_first_byte_ms(httplib::Client& client, const httplib::Headers& auth, const std::string& body) {
  double first_audio_s = -1;
  httplib::Request request;
  request.method = "POST";
  request.path = "/api/voice/synthesize";
  request.headers = auth;
  request.set_header("Content-Type", "application/json");
  request.body = body;
  const double t0 = echoes::bench::now_s();
  request.content_receiver = [&](const char*, std::size_t, uint64_t, uint64_t) {
    if (first_audio_s < 0) first_audio_s = echoes::bench::now_s() - t0;
    return true;
  };
  httplib::Response response;
  httplib::Error error;
  client.send(request, response, error);
  return response.status == 200 && first_audio_s >= 0 ? first_audio_s * 1000.0 : -1.0;
}

/// `clients` connections sending the same streaming request at the same moment (issue 16,
/// M2b): the median and 95th-percentile time to the first audio byte, and how many failed.
void report_concurrent(int port, const httplib::Headers& auth, const std::string& body, int clients) {
  std::vector<double> first_byte_ms(std::size_t(clients), -1.0);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(300, 0);
      while (!go.load()) std::this_thread::yield();
      first_byte_ms[std::size_t(c)] = stream_first_byte_ms(client, auth, body);
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  const auto failed = std::count(first_byte_ms.begin(), first_byte_ms.end(), -1.0);
  std::erase(first_byte_ms, -1.0);
  std::sort(first_byte_ms.begin(), first_byte_ms.end());
  const std::string label = std::to_string(clients) + " streams at once, first audio byte, ";
  if (!first_byte_ms.empty()) {
    echoes::bench::report(label + "median", first_byte_ms[first_byte_ms.size() / 2], "ms");
    echoes::bench::report(label + "p95", first_byte_ms[std::min(first_byte_ms.size() - 1, first_byte_ms.size() * 95 / 100)], "ms");
  }
  echoes::bench::report(std::to_string(clients) + " streams at once, failed", double(failed), "");
}

}  // namespace

ECHOES_BENCH("streaming ttfb") {
  using echoes::bench::now_s;
  echoes::testing::TempDir data_dir;
  setenv("ECHOES_REQUIRE_CONSENT", "false", 1);  // a benchmark account cannot speak the statement
  const echoes::Config config = echoes::resolve_config("", {{"listen", "127.0.0.1:0"}, {"data_dir", data_dir.path().string()},
                                       {"log_level", "off"}, {"synthesis_per_minute", "1000"},
                                       {"synthesis_audio_s_per_minute", "100000"},
                                       // 64 clients here share one address; in use they are 64 people
                                       {"max_connections_per_client", "128"}});
  echoes::server::Server server(config);
  const int port = server.bind();
  std::thread serving([&server] { server.serve(); });
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(300, 0);
  auto registered = client.Post("/api/auth/register",
                                R"({"email":"bench@example.com","password":"benchmark password","name":"Bench"})",
                                "application/json");
  const std::string token = nlohmann::json::parse(registered->body)["token"];
  const httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  const char* passages[] = {"conversational-warmth", "emotional-expression", "wisdom-legacy", "technical-clarity"};
  for (int p = 0; p < 4; ++p) {
    const auto spoken = kathleen_prompts(1 + 18 * p, 18);
    httplib::MultipartFormDataItems items = {{"audio", spoken.wav, "take.wav", "audio/wav"},
                                             {"passageId", passages[p], "", ""},
                                             {"transcript", spoken.transcript, "", ""}};
    client.Post("/api/voice/upload", auth, items);
  }
  client.Post("/api/voice/train", auth, "", "application/json");  // 409 when the upload already queued it
  for (int i = 0; i < 1200; ++i) {
    const auto status = nlohmann::json::parse(client.Get("/api/voice/status", auth)->body);
    if (status["modelReady"].get<bool>()) break;
    if (status["trainingStatus"] == "failed") throw std::runtime_error("training failed");
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  // 25 words, two sentences.
  const std::string body = nlohmann::json({{"text", "I hope you are keeping warm this winter. Tell the children that "
                                                    "I love them and that I think of them every single morning."},
                                           {"stream", true}}).dump();
  std::vector<double> first_byte_ms;
  for (int run = 0; run < 15; ++run) {
    const double ms = stream_first_byte_ms(client, auth, body);
    if (ms >= 0) first_byte_ms.push_back(ms);
  }
  for (int clients : {16, 64}) report_concurrent(port, auth, body, clients);
  server.stop();
  serving.join();
  std::sort(first_byte_ms.begin(), first_byte_ms.end());
  if (first_byte_ms.empty()) throw std::runtime_error("no audio received");
  echoes::bench::report("25-word text, first audio byte, median", first_byte_ms[first_byte_ms.size() / 2], "ms");
  echoes::bench::report("25-word text, first audio byte, max", first_byte_ms.back(), "ms");
}
