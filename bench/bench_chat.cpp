// AI Echo streaming: with the scripted model writing at 30 tokens/s, how long after the
// end of the first sentence its audio reaches the client, and whether sentence audio
// ever arrives later than the previous sentence finishes playing (a gap).
// Voice: the tone test double (tests/chat/fake_voice.h), with 0 ms and with an added
// 150 ms of "synthesis" per sentence, so the figure isolates the pipeline, not an engine.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <cstdio>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bench.h"
#include "chat/chat_service.h"
#include "chat/fake_voice.h"
#include "llm/scripted_model/scripted_model_process.h"
#include "llm/sse_parser.h"
#include "server/routes_chat.h"
#include "store/file_store.h"
#include "support/temp_dir.h"
#include "engines/watermarking_engine.h"
#include "support/test_data.h"
#include "synth/engine.h"
#include "voice/build.h"
#include "voice/manifest.h"
#include "voice/voice_file.h"

namespace {

using nlohmann::json;
using echoes::bench::now_s;

constexpr const char* kReply =
    "I remember the summer we spent by the lake. Your grandmother packed sandwiches every morning, and we "
    "rowed out to the little island. We watched the herons until the sun went down. Those were the best days.";
constexpr int kRuns = 7;

struct RunTimes {
  double first_sentence_end_s = -1;  // text event carrying the first sentence's final punctuation
  double first_audio_s = -1;
  double max_gap_s = 0;               // audio i later than audio 0 + durations of 0..i-1
};

RunTimes one_run(int port, const std::string& token) {
  RunTimes times;
  double playback_end_s = 0;
  const double start_s = now_s();
  echoes::llm::SseParser parser([&](const echoes::llm::SseEvent& event) {
    const double t = now_s() - start_s;
    const json data = json::parse(event.data);
    if (event.event == "text" && times.first_sentence_end_s < 0 &&
        data["delta"].get<std::string>().find_first_of(".!?") != std::string::npos) {
      times.first_sentence_end_s = t;
    }
    if (event.event == "audio") {
      if (times.first_audio_s < 0) {
        times.first_audio_s = t;
        playback_end_s = t;
      }
      times.max_gap_s = std::max(times.max_gap_s, t - playback_end_s);
      playback_end_s = std::max(playback_end_s, t) + data["durationSec"].get<double>();
    }
    return true;
  });
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(60, 0);
  httplib::Request req;
  req.method = "POST";
  req.path = "/api/ai-echo/chat";
  req.headers = {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
  req.body = json{{"message", "Tell me about the lake"}, {"includeVoice", true}, {"stream", true}}.dump();
  req.content_receiver = [&](const char* data, size_t n, uint64_t, uint64_t) {
    return parser.feed(std::string_view(data, n));
  };
  httplib::Response res;
  httplib::Error error;
  client.send(req, res, error);
  return times;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

void stream_case(const echoes::chat::SpeakFn& speak) {
  std::unique_ptr<echoes::testing::ScriptedModel> model;
  try {
    model = std::make_unique<echoes::testing::ScriptedModel>();
  } catch (const std::exception& e) {
    std::printf("chat stream: skipped (%s)\n", e.what());
    return;
  }
  model->set_reply(kReply);
  echoes::testing::TempDir dir;
  echoes::Config config;
  echoes::store::Database db(dir.path() / "echoes.db");
  echoes::store::FileStore files(dir.path());
  echoes::auth::AccountService accounts(db);
  echoes::studio::Studio studio(db, files, files);
  echoes::studio::TrainingWorker training(db, files, files, {});
  echoes::synth::EmbeddedEngine engine;
  // Limits far above what the bench sends: it measures speed, not the budgets.
  using echoes::server::RateLimiter;
  echoes::server::Limits limits{echoes::server::SynthesisBudget(db, 1000, 100'000), RateLimiter(db, "uploads", {}),
                                RateLimiter(db, "logins", {}),
                                RateLimiter(db, "chats", echoes::server::per_minute(1000))};
  echoes::server::ServerContext context{config, db, files, files, accounts, studio, training, engine, limits};
  echoes::llm::ClientOptions options;
  options.base_url = model->base_url();
  options.model = "normal:tps=30";
  echoes::chat::VoiceHooks voice{[](const std::string&) { return std::optional<std::string>(); }, speak};
  echoes::chat::ChatService chat(db, std::make_shared<echoes::llm::ChatClient>(options), voice);
  httplib::Server http;
  echoes::server::RouteTable routes(http);
  echoes::server::register_chat_routes(routes, context, chat);
  const int port = http.bind_to_any_port("127.0.0.1");
  std::thread server([&] { http.listen_after_bind(); });
  const std::string token = accounts.register_user("bench@example.org", "correct horse battery", "Bench").token;

  std::vector<double> sentence_end, first_audio, after_sentence, gaps;
  for (int run = 0; run < kRuns; ++run) {
    const RunTimes t = one_run(port, token);
    sentence_end.push_back(t.first_sentence_end_s);
    first_audio.push_back(t.first_audio_s);
    after_sentence.push_back(t.first_audio_s - t.first_sentence_end_s);
    gaps.push_back(t.max_gap_s);
  }
  http.stop();
  server.join();
  echoes::bench::report("end of first sentence, median", median(sentence_end) * 1000, "ms");
  echoes::bench::report("first audio byte, median", median(first_audio) * 1000, "ms");
  echoes::bench::report("first audio after end of first sentence, median", median(after_sentence) * 1000,
                        "ms");
  echoes::bench::report("largest gap between sentence audio, worst run",
                        *std::max_element(gaps.begin(), gaps.end()) * 1000, "ms");
}

}  // namespace

namespace {

echoes::chat::SpeakFn delayed_tone(double synth_delay_s) {
  return [synth_delay_s](const std::string& user, const std::string& sentence) {
    std::this_thread::sleep_for(std::chrono::duration<double>(synth_delay_s));
    return echoes::testing::tone_for_sentence(user, sentence);
  };
}

// A real voice: built in-process from 3 minutes of Kathleen's prompts (with transcripts).
std::filesystem::path build_kathleen_voice(const std::filesystem::path& dir) {
  std::vector<echoes::voice::ManifestEntry> entries;
  std::ifstream tsv(echoes::testing::speech_dir() / "kathleen" / "transcripts.tsv");
  double total_s = 0;
  for (std::string line; std::getline(tsv, line) && total_s < 180.0;) {
    const auto tab = line.find('\t');
    entries.push_back({echoes::testing::speech_dir() / "kathleen" / "audio" / (line.substr(0, tab) + ".flac"),
                       line.substr(tab + 1)});
    total_s += 3.0;  // median prompt length; the build reports the exact total
  }
  const auto model = echoes::voice::build_voice(echoes::voice::load_training_utterances(entries), {});
  echoes::voice::save_voice(model, dir / echoes::voice::kVoiceFileName);
  return dir;
}

}  // namespace

ECHOES_BENCH("chat stream (30 tokens/s, tone voice)") { stream_case(delayed_tone(0.0)); }
ECHOES_BENCH("chat stream (30 tokens/s, tone voice + 150 ms synthesis)") { stream_case(delayed_tone(0.15)); }
ECHOES_BENCH("chat stream (30 tokens/s, embedded engine voice)") {
  echoes::testing::TempDir voice_dir;
  const std::string voice = build_kathleen_voice(voice_dir.path()).string();
  // As the server speaks: the embedded engine behind the watermark.
  auto engine = std::make_shared<echoes::engines::WatermarkingEngine>(std::make_shared<echoes::synth::EmbeddedEngine>(),
                                                                      echoes::watermark::WatermarkOptions{});
  stream_case([engine, voice](const std::string&, const std::string& sentence) {
    return std::optional<echoes::audio::Audio>(engine->synthesize(voice, sentence, {}));
  });
}
