// Upload latency: POST /api/voice/upload of a 60 s WAV to a real server (in-process,
// loopback HTTP), from request start to the full JSON reply (decode, analysis,
// prosody, storage with fsync, set assessment).
#include <algorithm>
#include <cstdio>
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

std::string sixty_second_wav() {
  echoes::audio::Audio joined;
  for (int index = 1; joined.duration_s() < 60.0; ++index) {
    char name[64];
    std::snprintf(name, sizeof name, "arctic_a%04d.flac", index);
    const auto decoded = echoes::audio::decode_audio_file(echoes::testing::speech_dir() / "kathleen" / "audio" / name);
    joined.samples.insert(joined.samples.end(), decoded.audio.samples.begin(), decoded.audio.samples.end());
  }
  joined.samples.resize(60 * joined.rate_hz);
  const auto bytes = echoes::audio::encode_wav_pcm16(joined);
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

ECHOES_BENCH("upload latency") {
  using echoes::bench::now_s;
  echoes::testing::TempDir data_dir;
  echoes::Config config;
  config.listen_port = 0;
  config.data_dir = data_dir.path();
  config.log_level = "off";
  echoes::server::Server server(config);
  const int port = server.bind();
  std::thread serving([&server] { server.serve(); });

  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(120, 0);
  auto registered = client.Post("/api/auth/register",
                                R"({"email":"bench@example.com","password":"benchmark password","name":"Bench"})",
                                "application/json");
  const std::string token = nlohmann::json::parse(registered->body)["token"];
  const std::string wav = sixty_second_wav();
  std::vector<double> latencies_ms;
  for (int i = 0; i < 7; ++i) {
    httplib::MultipartFormDataItems items = {{"audio", wav, "take.wav", "audio/wav"},
                                             {"passageId", "wisdom-legacy", "", ""}};
    const double start = now_s();
    auto result = client.Post("/api/voice/upload", {{"Authorization", "Bearer " + token}}, items);
    const double elapsed_ms = (now_s() - start) * 1000.0;
    if (!result || result->status != 201) throw std::runtime_error("upload failed");
    latencies_ms.push_back(elapsed_ms);
  }
  server.stop();
  serving.join();
  std::sort(latencies_ms.begin(), latencies_ms.end());
  echoes::bench::report("60 s WAV (2.6 MB), median", latencies_ms[latencies_ms.size() / 2], "ms");
  echoes::bench::report("60 s WAV (2.6 MB), max", latencies_ms.back(), "ms");
}
