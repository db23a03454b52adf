// A server that holds under abuse (issue 16, part 2): one synthesis budget per user
// across every route that makes audio, counted in requests and in seconds of audio, and a
// limit on messages to the AI Echo. The voice engine here is a scripted remote one (a
// 2-second tone per request), so clips are cheap and their length is known.
#include <atomic>
#include <cmath>
#include <fstream>
#include <thread>

#include "api_fixture.h"
#include "audio/encode.h"
#include "store/database.h"
#include "store/voice_repository.h"

namespace echoes::testing {
namespace {

const std::string kJson = "application/json";
constexpr double kClipS = 2.0;

// An OpenAI-compatible /v1/audio/speech server that answers every request with a tone.
class ToneSpeechServer {
 public:
  ToneSpeechServer() {
    server_.Post("/v1/audio/speech", [this](const httplib::Request&, httplib::Response& res) {
      ++requests_;
      audio::Audio tone;
      tone.rate_hz = 22050;
      for (int i = 0; i < static_cast<int>(kClipS * tone.rate_hz); ++i) {
        tone.samples.push_back(0.2f * std::sin(2 * M_PI * 200 * i / tone.rate_hz));
      }
      const auto wav = audio::encode_wav_pcm16(tone);
      res.set_content(std::string(wav.begin(), wav.end()), "audio/wav");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~ToneSpeechServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  int requests() const { return requests_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> requests_{0};
};

class BudgetApi : public ApiTest {
 protected:
  // Restarts the server on the tone engine with these extra config lines.
  void restart_with(const std::string& config_lines) {
    const auto config = config_dir_.path() / "echoes.conf";
    std::ofstream(config) << "engine = remote\nremote_tts_url = " << speech_.url() << "\n" << config_lines;
    restart({"--config", config.string()});
  }

  // Registers a user with a ready voice (a row and a folder; the tone engine needs no model).
  std::string user_with_voice(const std::string& email) {
    const std::string token = register_user(email);
    const std::string owner = body(http_->Get("/api/auth/me", bearer(token)))["user"]["id"];
    store::Database db(data_dir_.path() / "echoes.db");
    store::VoiceRepository voices(db);
    const auto voice = voices.create(owner, "building");
    const std::string path = "voices/" + owner + "/" + voice.id;
    std::filesystem::create_directories(data_dir_.path() / path);
    voices.update(owner, voice.id, "ready", path, "{}");
    return token;
  }

  httplib::Result synthesize(const std::string& token) {
    return http_->Post("/api/voice/synthesize", bearer(token), R"({"text":"Hello there."})", kJson);
  }
  httplib::Result speech(const std::string& token) {
    return http_->Post("/v1/audio/speech", bearer(token), R"({"input":"Hello there.","voice":"alloy"})", kJson);
  }
  httplib::Result chat(const std::string& token, bool include_voice) {
    const nlohmann::json request = {{"message", "Do you remember the lake?"}, {"includeVoice", include_voice}};
    return http_->Post("/api/ai-echo/chat", bearer(token), request.dump(), kJson);
  }

  ToneSpeechServer speech_;
};

void expect_rate_limited(const httplib::Result& result, const std::string& what) {
  ASSERT_TRUE(result) << what;
  EXPECT_EQ(result->status, 429) << what << " -> " << result->body;
  EXPECT_EQ(ApiTest::body(result)["error"]["code"], "rate_limited") << what;
  EXPECT_NE(ApiTest::body(result)["error"]["message"].get<std::string>().find("wait"), std::string::npos) << what;
  ASSERT_TRUE(result->has_header("Retry-After")) << what;
  EXPECT_GE(std::stoi(result->get_header_value("Retry-After")), 1) << what;
}

TEST_F(BudgetApi, SynthesisRequestsAreOneBudgetAcrossEveryRouteThatMakesAudio) {
  restart_with("synthesis_per_minute = 4\n");
  const std::string ann = user_with_voice("ann@example.com");
  const std::string bob = user_with_voice("bob@example.com");
  EXPECT_EQ(synthesize(ann)->status, 200);
  EXPECT_EQ(speech(ann)->status, 200);
  auto spoken = chat(ann, true);
  ASSERT_EQ(spoken->status, 200) << spoken->body;
  EXPECT_FALSE(body(spoken)["voice"].is_null()) << spoken->body;
  EXPECT_EQ(speech(ann)->status, 200);
  // Four requests made audio: every route that makes audio is now refused.
  expect_rate_limited(synthesize(ann), "synthesize");
  expect_rate_limited(speech(ann), "/v1/audio/speech");
  expect_rate_limited(chat(ann, true), "chat with voice");
  // A reply in text only makes no audio, and Bob has his own budget.
  EXPECT_EQ(chat(ann, false)->status, 200);
  EXPECT_EQ(speech(bob)->status, 200);
}

TEST_F(BudgetApi, SecondsOfAudioAreBudgetedAcrossRoutes) {
  // 5 s of audio a minute and 2 s clips: the third clip overdraws the budget.
  restart_with("synthesis_per_minute = 1000\nsynthesis_audio_s_per_minute = 5\n");
  const std::string ann = user_with_voice("ann@example.com");
  EXPECT_EQ(synthesize(ann)->status, 200);
  EXPECT_EQ(speech(ann)->status, 200);
  EXPECT_EQ(speech(ann)->status, 200);
  const int clips_made = speech_.requests();
  expect_rate_limited(speech(ann), "/v1/audio/speech");
  expect_rate_limited(synthesize(ann), "synthesize");
  expect_rate_limited(chat(ann, true), "chat with voice");
  EXPECT_EQ(speech_.requests(), clips_made);  // refused before any audio was made

  // A spoken chat reply spends the same seconds.
  const std::string bob = user_with_voice("bob@example.com");
  int spoken_replies = 0;
  for (auto reply = chat(bob, true); reply->status == 200 && spoken_replies < 5; reply = chat(bob, true)) {
    EXPECT_FALSE(body(reply)["voice"].is_null()) << reply->body;
    ++spoken_replies;
  }
  EXPECT_GE(spoken_replies, 1);
  EXPECT_LE(spoken_replies, 3);
  expect_rate_limited(chat(bob, true), "chat with voice");
  expect_rate_limited(speech(bob), "/v1/audio/speech after spoken replies");
}

TEST_F(BudgetApi, MessagesToTheEchoAreLimited) {
  restart_with("chat_per_minute = 3\n");
  const std::string ann = register_user("ann@example.com");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(chat(ann, false)->status, 200);
  expect_rate_limited(chat(ann, false), "chat");
  const std::string bob = register_user("bob@example.com");
  EXPECT_EQ(chat(bob, false)->status, 200);
}

// Not a budget test, but it needs this fixture's cheap tone voice: the real binary speaks
// every synthesis format whole, and streams only the two that can be sent as they are made.
TEST_F(BudgetApi, SynthesizeEncodesMp3AndOpusWholeAndStreamsOnlyWavAndPcm) {
  restart_with("");
  const std::string ann = user_with_voice("ann@example.com");
  auto say = [&](const nlohmann::json& request) {
    return http_->Post("/api/voice/synthesize", bearer(ann), request.dump(), kJson);
  };
  auto mp3 = say({{"text", "Hello there."}, {"format", "mp3"}});
  ASSERT_EQ(mp3->status, 200) << mp3->body;
  EXPECT_EQ(mp3->get_header_value("Content-Type"), "audio/mpeg");
  EXPECT_TRUE(mp3->body.rfind("ID3", 0) == 0 || static_cast<unsigned char>(mp3->body[0]) == 0xFF);
  auto opus = say({{"text", "Hello there."}, {"format", "opus"}});
  ASSERT_EQ(opus->status, 200) << opus->body;
  EXPECT_EQ(opus->body.substr(0, 4), "OggS");
  for (const char* whole_only : {"mp3", "opus", "flac"}) {
    auto streamed = say({{"text", "Hello there."}, {"format", whole_only}, {"stream", true}});
    EXPECT_EQ(streamed->status, 400) << whole_only;
    EXPECT_EQ(body(streamed)["error"]["code"], "invalid_argument") << whole_only;
  }
  auto pcm = say({{"text", "Hello there."}, {"format", "pcm16"}, {"stream", true}});
  ASSERT_EQ(pcm->status, 200);
  EXPECT_EQ(pcm->get_header_value("Content-Type"), "audio/L16; rate=22050; channels=1");
  EXPECT_EQ(pcm->body.size(), 2 * static_cast<std::size_t>(std::lround(kClipS * 22050)));
}

}  // namespace
}  // namespace echoes::testing
