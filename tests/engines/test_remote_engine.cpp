// The remote engine against a scripted OpenAI-compatible /v1/audio/speech server on
// loopback, and fallback between engines.
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "audio/encode.h"
#include "common/error.h"
#include "engines/fallback_engine.h"
#include "engines/remote_engine.h"

namespace echoes::engines {
namespace {

// Behaviour is chosen by the request's "model": ok | fail | slow | garbage | refuse.
class ScriptedSpeechServer {
 public:
  ScriptedSpeechServer() {
    server_.Post("/v1/audio/speech", [this](const httplib::Request& req, httplib::Response& res) {
      const auto body = nlohmann::json::parse(req.body);
      {
        std::lock_guard lock(mutex_);
        last_request_ = body;
        last_auth_ = req.get_header_value("Authorization");
      }
      ++requests_;
      const std::string model = body.value("model", "ok");
      if (model == "fail") {
        res.status = 500;
      } else if (model == "refuse") {
        res.status = 400;
      } else if (model == "garbage") {
        res.set_content("not audio", "audio/wav");
      } else {
        if (model == "slow") std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        audio::Audio tone;
        tone.rate_hz = 24000;  // a different rate: the engine must resample
        for (int i = 0; i < 24000; ++i) tone.samples.push_back(0.2f * std::sin(2 * M_PI * 200 * i / 24000.0));
        const auto wav = audio::encode_wav_pcm16(tone);
        res.set_content(std::string(wav.begin(), wav.end()), "audio/wav");
      }
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~ScriptedSpeechServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  nlohmann::json last_request() {
    std::lock_guard lock(mutex_);
    return last_request_;
  }
  std::string last_auth() {
    std::lock_guard lock(mutex_);
    return last_auth_;
  }
  std::atomic<int> requests_{0};

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  nlohmann::json last_request_;
  std::string last_auth_;
};

RemoteEngineOptions options_for(const ScriptedSpeechServer& server, const std::string& model) {
  RemoteEngineOptions options;
  options.base_url = server.url();
  options.model = model;
  options.api_key = "secret-key";
  options.read_timeout_s = 0.5;
  return options;
}

// A stand-in local engine that says which engine answered (a test double, not a voice).
class CountingEngine final : public synth::Engine {
 public:
  explicit CountingEngine(std::string code_to_throw = "") : throw_code_(std::move(code_to_throw)) {}
  std::string name() const override { return "local"; }
  audio::Audio synthesize(const std::string&, std::string_view, const synth::SynthesisOptions&) override {
    ++calls;
    if (!throw_code_.empty()) throw Error(throw_code_, "scripted failure");
    audio::Audio audio;
    audio.samples.assign(100, 0.1f);
    return audio;
  }
  void synthesize_stream(const std::string& voice, std::string_view text, const synth::SynthesisOptions& options,
                         const synth::ChunkCallback& on_chunk) override {
    on_chunk(synthesize(voice, text, options));
  }
  int calls = 0;

 private:
  std::string throw_code_;
};

TEST(RemoteEngine, SpeaksThroughTheOpenAiSpeechProtocol) {
  ScriptedSpeechServer server;
  RemoteEngine engine(options_for(server, "ok"));
  const audio::Audio audio = engine.synthesize("/data/voices/u1/abc123", "Hello there.", {});
  EXPECT_EQ(audio.rate_hz, audio::kWorkingRateHz);
  EXPECT_NEAR(audio.duration_s(), 1.0, 0.01);
  const auto request = server.last_request();
  EXPECT_EQ(request["input"], "Hello there.");
  EXPECT_EQ(request["voice"], "abc123");
  EXPECT_EQ(request["response_format"], "wav");
  EXPECT_EQ(server.last_auth(), "Bearer secret-key");
}

TEST(RemoteEngine, StreamsOneRequestPerSentence) {
  ScriptedSpeechServer server;
  RemoteEngine engine(options_for(server, "ok"));
  int chunks = 0;
  engine.synthesize_stream("v", "First sentence. Second one! Third?", {}, [&](const audio::Audio&) {
    ++chunks;
    return true;
  });
  EXPECT_EQ(chunks, 3);
  EXPECT_EQ(server.requests_.load(), 3);
}

TEST(RemoteEngine, FailuresBecomeClearErrors) {
  ScriptedSpeechServer server;
  const auto code_of = [&](const std::string& model) {
    try {
      RemoteEngine(options_for(server, model)).synthesize("v", "Hello.", {});
    } catch (const Error& e) {
      return e.code();
    }
    return std::string("none");
  };
  EXPECT_EQ(code_of("fail"), error_code::kUnavailable);
  EXPECT_EQ(code_of("slow"), error_code::kUnavailable);  // read timeout 0.5 s
  EXPECT_EQ(code_of("refuse"), error_code::kInvalidArgument);
  EXPECT_EQ(code_of("garbage"), error_code::kInvalidAudio);
  RemoteEngineOptions unreachable;
  unreachable.base_url = "http://127.0.0.1:1/v1";
  EXPECT_THROW(RemoteEngine(unreachable).synthesize("v", "Hello.", {}), Error);
  RemoteEngineOptions malformed;
  malformed.base_url = "ftp:/nope";
  EXPECT_THROW(RemoteEngine{malformed}, Error);
}

TEST(FallbackEngine, UsesTheSecondEngineWhenTheFirstFails) {
  ScriptedSpeechServer server;
  auto local = std::make_shared<CountingEngine>();
  FallbackEngine remote_first(std::make_shared<RemoteEngine>(options_for(server, "fail")), local);
  const audio::Audio audio = remote_first.synthesize("v", "Hello.", {});
  EXPECT_EQ(audio.samples.size(), 100u);
  EXPECT_EQ(local->calls, 1);
  EXPECT_EQ(remote_first.last_served_by(), "local");

  FallbackEngine slow_remote(std::make_shared<RemoteEngine>(options_for(server, "slow")), local);
  slow_remote.synthesize_stream("v", "Hello.", {}, [](const audio::Audio&) { return true; });
  EXPECT_EQ(slow_remote.last_served_by(), "local");

  FallbackEngine healthy(std::make_shared<RemoteEngine>(options_for(server, "ok")), local);
  healthy.synthesize("v", "Hello.", {});
  EXPECT_EQ(healthy.last_served_by(), "remote");

  // The other direction: the embedded engine fails, the remote answers.
  FallbackEngine local_first(std::make_shared<CountingEngine>(error_code::kInternal),
                             std::make_shared<RemoteEngine>(options_for(server, "ok")));
  EXPECT_NEAR(local_first.synthesize("v", "Hello.", {}).duration_s(), 1.0, 0.01);
  EXPECT_EQ(local_first.last_served_by(), "remote");
}

TEST(FallbackEngine, DoesNotRetryTheCallersOwnMistakes) {
  auto second = std::make_shared<CountingEngine>();
  FallbackEngine engine(std::make_shared<CountingEngine>(error_code::kInvalidArgument), second);
  EXPECT_THROW(engine.synthesize("v", "", {}), Error);
  EXPECT_EQ(second->calls, 0);
}

}  // namespace
}  // namespace echoes::engines
