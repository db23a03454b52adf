// Bad input gets a clear error and loses nothing: corrupt, empty, huge and
// speechless uploads, concurrent uploads, and a crash (SIGKILL) mid-upload.
#include <cmath>
#include <filesystem>
#include <thread>

#include "api_fixture.h"
#include "support/test_data.h"

namespace echoes::testing {
namespace {

using RobustnessApi = ApiTest;

std::vector<float> tone(double seconds, double hz, int rate_hz) {
  std::vector<float> samples(static_cast<std::size_t>(seconds * rate_hz));
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = 0.3f * std::sin(2 * M_PI * hz * i / rate_hz);
  return samples;
}

void expect_error(const httplib::Result& result, int status, const std::string& code) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status) << result->body;
  const auto parsed = ApiTest::body(result);
  EXPECT_EQ(parsed["error"]["code"], code) << result->body;
  EXPECT_FALSE(parsed["error"]["message"].get<std::string>().empty());
}

TEST_F(RobustnessApi, RejectsBadUploadsClearlyAndStoresNothing) {
  const std::string token = register_user("ann@example.com");
  expect_error(upload(token, "", "wisdom-legacy"), 422, "empty_audio");
  expect_error(upload(token, "this is a text file, not audio at all", "wisdom-legacy"), 422, "invalid_audio");
  expect_error(upload(token, std::string("\x1a\x45\xdf\xa3", 4) + std::string(2000, '\0'), "wisdom-legacy"), 415,
               "unsupported_format");
  const std::string wav = wav_bytes(tone(2.0, 220.0, 22050), 22050);
  expect_error(upload(token, wav.substr(0, 30), "wisdom-legacy"), 422, "invalid_audio");  // truncated header
  expect_error(upload(token, wav, "no-such-passage"), 400, "invalid_argument");
  expect_error(upload(token, wav_bytes(std::vector<float>(22050 * 3, 0.0f), 22050), "wisdom-legacy"), 422,
               "no_speech");
  expect_error(upload(token, wav_bytes(tone(3.0, 440.0, 22050), 22050), "wisdom-legacy"), 422, "no_speech");

  httplib::MultipartFormDataItems no_passage = {{"audio", wav, "t.wav", "audio/wav"}};
  expect_error(http_->Post("/api/voice/upload", bearer(token), no_passage), 400, "invalid_argument");
  expect_error(http_->Post("/api/voice/upload", bearer(token), "{}", "application/json"), 400, "invalid_argument");
  EXPECT_EQ(body(http_->Get("/api/voice/recordings", bearer(token)))["recordings"].size(), 0u);
}

TEST_F(RobustnessApi, EnforcesTheSizeAndDurationCaps) {
  ECHOES_REQUIRE_SPEECH_DATA();
  restart({"--max-upload-mb", "1", "--max-recording-s", "5"});
  const std::string token = register_user("ann@example.com");
  expect_error(upload(token, kathleen_wav(30.0), "wisdom-legacy"), 413, "too_large");  // ~1.3 MB
  expect_error(upload(token, kathleen_wav(8.0), "wisdom-legacy"), 422, "too_long");
  // Far over the cap: refused before the body is read.
  expect_error(upload(token, std::string(5'000'000, 'x'), "wisdom-legacy"), 413, "too_large");
  EXPECT_EQ(upload(token, kathleen_wav(3.0), "wisdom-legacy")->status, 201);
}

TEST_F(RobustnessApi, ConcurrentUploadsFromTwoUsersAllLand) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const std::string tokens[2] = {register_user("ann@example.com"), register_user("bob@example.com")};
  const std::string wav = kathleen_wav(5.0);
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      auto client = server_->client();
      httplib::MultipartFormDataItems items = {{"audio", wav, "t.wav", "audio/wav"},
                                               {"passageId", "technical-clarity", "", ""}};
      auto result = client->Post("/api/voice/upload", bearer(tokens[t % 2]), items);
      if (result && result->status == 201) ++created;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 6);
  for (const auto& token : tokens) {
    EXPECT_EQ(body(http_->Get("/api/voice/recordings", bearer(token)))["recordings"].size(), 3u);
  }
}

// Kills the server while uploads are in flight, restarts it, and checks that every
// listed recording is complete and no unreferenced audio file is left on disk.
TEST_F(RobustnessApi, CrashDuringUploadsLeavesNoHalfWrittenRecordsOrOrphans) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const std::string token = register_user("ann@example.com");
  const std::string wav = kathleen_wav(20.0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      auto client = server_->client();
      httplib::MultipartFormDataItems items = {{"audio", wav, "t.wav", "audio/wav"},
                                               {"passageId", "wisdom-legacy", "", ""}};
      for (int i = 0; i < 5; ++i) client->Post("/api/voice/upload", bearer(token), items);
    });
  }
  // Kill the server once the first take has landed, while the others are still being
  // checked and written (an upload takes seconds since the read-along check, docs/benchmarks.md).
  for (int i = 0; i < 600; ++i) {
    if (!body(http_->Get("/api/voice/recordings", bearer(token)))["recordings"].empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  server_->kill_hard();
  for (auto& thread : threads) thread.join();

  restart();
  const nlohmann::json login = {{"email", "ann@example.com"}, {"password", "correct horse battery"}};
  const std::string token2 = body(http_->Post("/api/auth/login", login.dump(), "application/json"))["token"];
  const auto recordings = body(http_->Get("/api/voice/recordings", bearer(token2)))["recordings"];
  std::size_t files_expected = 0;
  for (const auto& recording : recordings) {
    auto audio = http_->Get("/api/voice/recordings/" + recording["id"].get<std::string>() + "/audio", bearer(token2));
    ASSERT_EQ(audio->status, 200);
    EXPECT_EQ(audio->body, wav);
    files_expected += 2;  // original + working copy
  }
  std::size_t files_found = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(data_dir_.path() / "audio")) {
    if (entry.is_regular_file()) ++files_found;
  }
  EXPECT_EQ(files_found, files_expected);
}

}  // namespace
}  // namespace echoes::testing
