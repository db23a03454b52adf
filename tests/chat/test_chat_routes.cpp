// The /api/ai-echo/* and /v1/* routes over real HTTP: an in-process httplib server with
// the real ServerContext pieces, the scripted model process, and the tone voice double.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "chat/chat_service.h"
#include "fake_voice.h"
#include "llm/sse_parser.h"
#include "scripted_model/scripted_model_process.h"
#include "audio/resample.h"
#include "server/routes_chat.h"
#include "store/file_store.h"
#include "synth/engine.h"
#include "store/voice_repository.h"
#include "support/temp_dir.h"

namespace echoes::server {
namespace {

using nlohmann::json;

constexpr const char* kReply = "I remember the lake well. We rowed to the island every summer.";

class ChatRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_.set_reply(kReply);
    llm::ClientOptions o;
    o.base_url = model_.base_url();
    o.model = "normal:tps=200";
    chat_ = std::make_unique<chat::ChatService>(
        db_, std::make_shared<llm::ChatClient>(o),
        chat::VoiceHooks{[](const std::string&) { return std::optional<std::string>(); },
                         echoes::testing::tone_for_sentence});
    register_chat_routes(routes_, context_, *chat_);
    register_speech_routes(routes_, context_, [](const std::string&, const std::string&, const std::string& text,
                                               double) { return *echoes::testing::tone_for_sentence("", text); });
    port_ = http_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    ann_ = accounts_.register_user("ann@example.org", "correct horse battery", "Ann").token;
    bob_ = accounts_.register_user("bob@example.org", "correct horse battery", "Bob").token;
  }
  void TearDown() override {
    http_.stop();
    thread_.join();
  }

  httplib::Client client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }
  static httplib::Headers auth(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
  httplib::Result post(const std::string& token, const std::string& path, const json& body) {
    return client().Post(path.c_str(), auth(token), body.dump(), "application/json");
  }
  json get(const std::string& token, const std::string& path, int expected = 200) {
    auto r = client().Get(path.c_str(), auth(token));
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, expected) << r->body;
    return json::parse(r->body);
  }

  echoes::testing::ScriptedModel model_;
  echoes::testing::TempDir dir_;
  Config config_;
  store::Database db_{dir_.path() / "echoes.db"};
  store::FileStore files_{dir_.path()};
  auth::AccountService accounts_{db_};
  studio::Studio studio_{db_, files_, files_};
  studio::TrainingWorker training_{db_, files_, files_, {}};
  synth::EmbeddedEngine engine_;  // unused by these routes; ServerContext needs one
  Limits limits_{SynthesisBudget(db_, 1000, 100'000), RateLimiter(db_, "uploads", {}), RateLimiter(db_, "logins", {}),
                 RateLimiter(db_, "chats", per_minute(1000))};
  ServerContext context_{config_, db_, files_, files_, accounts_, studio_, training_, engine_, limits_};
  std::unique_ptr<chat::ChatService> chat_;
  httplib::Server http_;
  RouteTable routes_{http_};
  std::thread thread_;
  int port_ = 0;
  std::string ann_, bob_;
};

TEST_F(ChatRoutesTest, MemoriesCrudPerUser) {
  auto r = post(ann_, "/api/ai-echo/memories", {{"title", "The lake"}, {"text", "We rowed to the island."}});
  ASSERT_EQ(r->status, 201) << r->body;
  const std::string id = json::parse(r->body)["memory"]["id"];
  EXPECT_EQ(get(ann_, "/api/ai-echo/memories")["memories"].size(), 1u);
  EXPECT_EQ(get(bob_, "/api/ai-echo/memories")["memories"].size(), 0u);
  EXPECT_EQ(client().Delete(("/api/ai-echo/memories/" + id).c_str(), auth(bob_))->status, 404);
  EXPECT_EQ(client().Delete(("/api/ai-echo/memories/" + id).c_str(), auth(ann_))->status, 200);
  EXPECT_EQ(post(ann_, "/api/ai-echo/memories", {{"text", 5}})->status, 400);
  EXPECT_EQ(client().Get("/api/ai-echo/memories")->status, 401);
}

TEST_F(ChatRoutesTest, PersonaRoundTrip) {
  EXPECT_TRUE(get(ann_, "/api/ai-echo/persona")["persona"].is_null());
  auto r = client().Put("/api/ai-echo/persona", auth(ann_),
                        json{{"name", "Ann"}, {"speakingStyle", "warm"}, {"audience", "grandchildren"}}.dump(),
                        "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(get(ann_, "/api/ai-echo/persona")["persona"]["speakingStyle"], "warm");
  EXPECT_TRUE(get(ann_, "/api/ai-echo/capabilities")["capabilities"]["personaSet"]);
}

TEST_F(ChatRoutesTest, WholeReplyWithVoiceAsDataUrl) {
  post(ann_, "/api/ai-echo/memories", {{"title", "The lake"}, {"text", "We rowed to the island."}});
  auto r = post(ann_, "/api/ai-echo/chat", {{"message", "Tell me about the island"}, {"includeVoice", true}});
  ASSERT_EQ(r->status, 200) << r->body;
  const json body = json::parse(r->body);
  EXPECT_EQ(body["response"], kReply);
  EXPECT_EQ(body["mode"], "model");
  EXPECT_GT(body["confidence"].get<double>(), 0.5);
  EXPECT_EQ(body["sources"].size(), 1u);
  EXPECT_TRUE(body["capabilities"]["voiceReady"]);
  EXPECT_EQ(body["capabilities"]["textModel"], "ready");
  ASSERT_TRUE(body["voice"].is_object());
  EXPECT_EQ(body["voice"]["audioUrl"].get<std::string>().rfind("data:audio/wav;base64,UklGR", 0), 0u);  // "RIFF"
  EXPECT_NEAR(body["voice"]["durationSec"].get<double>(), std::string(kReply).size() * 0.06, 0.1);
  EXPECT_EQ(body["voice"]["sentences"], 2);
  // Stored as a conversation with both messages.
  const std::string id = body["conversationId"];
  const json convo = get(ann_, "/api/ai-echo/conversations/" + id);
  ASSERT_EQ(convo["messages"].size(), 2u);
  EXPECT_EQ(convo["messages"][1]["sources"].size(), 1u);
  get(bob_, "/api/ai-echo/conversations/" + id, 404);
  EXPECT_EQ(get(ann_, "/api/ai-echo/conversations")["conversations"].size(), 1u);
  EXPECT_EQ(client().Delete(("/api/ai-echo/conversations/" + id).c_str(), auth(bob_))->status, 404);
  EXPECT_EQ(client().Delete(("/api/ai-echo/conversations/" + id).c_str(), auth(ann_))->status, 200);
  EXPECT_EQ(get(ann_, "/api/ai-echo/conversations")["conversations"].size(), 0u);
}

TEST_F(ChatRoutesTest, StreamInterleavesTextAndAudioEvents) {
  std::vector<llm::SseEvent> events;
  llm::SseParser parser([&](const llm::SseEvent& e) {
    events.push_back(e);
    return true;
  });
  httplib::Request req;
  req.method = "POST";
  req.path = "/api/ai-echo/chat";
  req.headers = auth(ann_);
  req.body = json{{"message", "How was the lake?"}, {"includeVoice", true}, {"stream", true}}.dump();
  req.set_header("Content-Type", "application/json");
  std::string content_type;
  req.response_handler = [&](const httplib::Response& r) {
    content_type = r.get_header_value("Content-Type");
    return true;
  };
  req.content_receiver = [&](const char* data, size_t n, uint64_t, uint64_t) {
    return parser.feed(std::string_view(data, n));
  };
  httplib::Response res;
  httplib::Error error;
  ASSERT_TRUE(client().send(req, res, error));
  EXPECT_EQ(content_type, "text/event-stream");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().event, "done");
  std::string text;
  std::vector<int> sentences;
  std::size_t first_audio = events.size();
  for (std::size_t i = 0; i < events.size(); ++i) {
    const json data = json::parse(events[i].data);
    if (events[i].event == "text") text += data["delta"].get<std::string>();
    if (events[i].event == "audio") {
      sentences.push_back(data["sentence"]);
      EXPECT_EQ(data["base64"].get<std::string>().rfind("UklGR", 0), 0u);
      first_audio = std::min(first_audio, i);
    }
  }
  EXPECT_EQ(text, kReply);
  EXPECT_EQ(sentences, (std::vector<int>{0, 1}));
  // The first sentence's audio comes before the last text delta.
  std::size_t last_text = 0;
  for (std::size_t i = 0; i < events.size(); ++i) if (events[i].event == "text") last_text = i;
  EXPECT_LT(first_audio, last_text);
  const json done = json::parse(events.back().data);
  EXPECT_EQ(done["response"], kReply);
  EXPECT_TRUE(done["voice"]["audioUrl"].is_null());
}

TEST_F(ChatRoutesTest, BadChatRequests) {
  EXPECT_EQ(post(ann_, "/api/ai-echo/chat", {{"message", ""}})->status, 400);
  EXPECT_EQ(post(ann_, "/api/ai-echo/chat", {{"msg", "hi"}})->status, 400);
  EXPECT_EQ(post(ann_, "/api/ai-echo/chat", {{"message", "hi"}, {"stream", "yes"}})->status, 400);
  EXPECT_EQ(post(ann_, "/api/ai-echo/chat",
                 {{"message", "hi"}, {"stream", true}, {"conversationId", std::string(32, 'a')}})->status,
            404);
  EXPECT_EQ(client().Post("/api/ai-echo/chat", "{}", "application/json")->status, 401);
}

TEST_F(ChatRoutesTest, OpenAiSpeechAndModels) {
  const auto ann_id = accounts_.authenticate(ann_).id;
  store::VoiceRepository voices(db_);
  const auto voice = voices.create(ann_id, "ready");
  const json models = get(ann_, "/v1/models");
  ASSERT_EQ(models["data"].size(), 1u);
  EXPECT_EQ(models["data"][0]["id"], voice.id);
  EXPECT_EQ(get(bob_, "/v1/models")["data"].size(), 0u);

  const std::string input = "Hello there.";
  auto wav = post(ann_, "/v1/audio/speech",
                  {{"model", "echoes"}, {"input", input}, {"voice", voice.id}, {"response_format", "wav"}});
  ASSERT_EQ(wav->status, 200) << wav->body;
  EXPECT_EQ(wav->get_header_value("Content-Type"), "audio/wav");
  EXPECT_EQ(wav->body.substr(0, 4), "RIFF");
  auto flac = post(ann_, "/v1/audio/speech", {{"input", input}, {"response_format", "flac"}});
  ASSERT_EQ(flac->status, 200);
  EXPECT_EQ(flac->body.substr(0, 4), "fLaC");
  EXPECT_EQ(post(ann_, "/v1/audio/speech", {{"input", input}, {"speed", 9}})->status, 400);
  EXPECT_EQ(post(ann_, "/v1/audio/speech", {{"input", ""}})->status, 400);
  EXPECT_EQ(post(bob_, "/v1/audio/speech", {{"input", input}, {"voice", voice.id}})->status, 404);
  EXPECT_EQ(post(bob_, "/v1/audio/speech", {{"input", input}})->status, 404);  // Bob has no voice
}

bool is_mp3(const std::string& bytes) {
  const bool frame_sync = bytes.size() > 1 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
                          (static_cast<unsigned char>(bytes[1]) & 0xE0) == 0xE0;
  return bytes.rfind("ID3", 0) == 0 || frame_sync;
}

// OpenAI's formats: mp3 when none is named, opus in Ogg, pcm at OpenAI's 24 kHz; aac is
// refused with a 415 JSON error, and only the "audio" stream_format is offered.
TEST_F(ChatRoutesTest, OpenAiSpeechFormats) {
  store::VoiceRepository(db_).create(accounts_.authenticate(ann_).id, "ready");
  const std::string input = "Hello there.";
  auto fallback = post(ann_, "/v1/audio/speech", {{"model", "tts-1"}, {"input", input}, {"voice", "alloy"}});
  ASSERT_EQ(fallback->status, 200) << fallback->body;
  EXPECT_EQ(fallback->get_header_value("Content-Type"), "audio/mpeg");
  EXPECT_TRUE(is_mp3(fallback->body));
  auto mp3 = post(ann_, "/v1/audio/speech", {{"input", input}, {"response_format", "mp3"}});
  ASSERT_EQ(mp3->status, 200);
  EXPECT_TRUE(is_mp3(mp3->body));

  auto opus = post(ann_, "/v1/audio/speech", {{"input", input}, {"response_format", "opus"}});
  ASSERT_EQ(opus->status, 200) << opus->body;
  EXPECT_EQ(opus->get_header_value("Content-Type"), "audio/ogg; codecs=opus");
  EXPECT_EQ(opus->body.substr(0, 4), "OggS");
  EXPECT_NE(opus->body.find("OpusHead"), std::string::npos);

  auto pcm = post(ann_, "/v1/audio/speech", {{"input", input}, {"response_format", "pcm"}, {"stream_format", "audio"}});
  ASSERT_EQ(pcm->status, 200);
  const auto spoken_samples = static_cast<std::size_t>(input.size() * 0.06 * audio::kWorkingRateHz);
  EXPECT_EQ(pcm->body.size(), audio::resampled_length(spoken_samples, audio::kWorkingRateHz, 24000) * 2);
  EXPECT_EQ(pcm->get_header_value("X-Sample-Rate"), "24000");
  EXPECT_EQ(pcm->get_header_value("Content-Type"), "audio/L16; rate=24000; channels=1");

  for (const char* refused : {"aac", "ogg", "MP3"}) {
    auto reply = post(ann_, "/v1/audio/speech", {{"input", input}, {"response_format", refused}});
    ASSERT_EQ(reply->status, 415) << refused;
    const json error = json::parse(reply->body)["error"];
    EXPECT_EQ(error["code"], "unsupported_format") << refused;
    EXPECT_NE(error["message"].get<std::string>().find("mp3"), std::string::npos) << refused;
  }
  auto sse = post(ann_, "/v1/audio/speech", {{"input", input}, {"stream_format", "sse"}});
  EXPECT_EQ(sse->status, 400);
  EXPECT_EQ(json::parse(sse->body)["error"]["code"], "invalid_argument");
}

}  // namespace
}  // namespace echoes::server
