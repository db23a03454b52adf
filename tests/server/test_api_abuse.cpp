// A server that holds under abuse (issue 16, part 2): JSON fields of the wrong type,
// non-UTF-8 form fields, out-of-range numbers, limits counted in characters, WAV headers
// that contradict themselves, oversized bodies, and a crash in the middle of a build.
#include <cmath>
#include <filesystem>
#include <fstream>

#include "api_fixture.h"
#include "store/database.h"
#include "store/feedback_repository.h"
#include "store/job_repository.h"
#include "store/voice_repository.h"
#include "support/test_data.h"

namespace echoes::testing {
namespace {

using AbuseApi = ApiTest;

const std::string kJson = "application/json";

std::string repeat(const std::string& piece, int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text += piece;
  return text;
}

const std::string kCjkChar = "\xE4\xBD\xA0";  // 你: three bytes, one character

std::vector<float> tone(double seconds, double hz, int rate_hz) {
  std::vector<float> samples(static_cast<std::size_t>(seconds * rate_hz));
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = 0.3f * std::sin(2 * M_PI * hz * i / rate_hz);
  return samples;
}

void expect_invalid_field(const httplib::Result& result, const std::string& field, const std::string& request) {
  ASSERT_TRUE(result) << request;
  EXPECT_EQ(result->status, 400) << request << " -> " << result->body;
  const auto error = ApiTest::body(result)["error"];
  EXPECT_EQ(error["code"], "invalid_argument") << request;
  EXPECT_NE(error["message"].get<std::string>().find("'" + field + "'"), std::string::npos)
      << request << " -> " << result->body;
}

std::string user_id(httplib::Client& http, const std::string& token) {
  return ApiTest::body(http.Get("/api/auth/me", bearer(token)))["user"]["id"];
}

TEST_F(AbuseApi, JsonFieldsOfTheWrongTypeAreA400NamingTheField) {
  const std::string token = register_user("ann@example.com");
  const std::pair<const char*, const char*> synthesis[] = {
      {"stream", R"({"text":"hi","stream":"yes"})"}, {"stream", R"({"text":"hi","stream":1})"},
      {"stream", R"({"text":"hi","stream":[]})"},    {"speed", R"({"text":"hi","speed":"fast"})"},
      {"quality", R"({"text":"hi","quality":5})"},    {"format", R"({"text":"hi","format":true})"},
      {"text", R"({"text":{"a":1}})"}};
  for (const auto& [field, request] : synthesis) {
    expect_invalid_field(http_->Post("/api/voice/synthesize", bearer(token), request, kJson), field, request);
  }
  // null means "not given": the request is valid and fails only for want of a voice.
  EXPECT_EQ(http_->Post("/api/voice/synthesize", bearer(token), R"({"text":"hi","stream":null,"speed":null})", kJson)
                ->status,
            409);

  const std::tuple<const char*, const char*, const char*> others[] = {
      {"/api/ai-echo/chat", "stream", R"({"message":"hello","stream":"yes"})"},
      {"/api/ai-echo/chat", "includeVoice", R"({"message":"hello","includeVoice":0})"},
      {"/v1/audio/speech", "speed", R"({"input":"hello","speed":"fast"})"},
      {"/v1/audio/speech", "voice", R"({"input":"hello","voice":7})"},
      {"/api/voice/feedback", "rating", R"({"synthesisId":"x","rating":"5"})"},
      {"/api/voice/feedback", "rating", R"({"synthesisId":"x","rating":4.5})"},
      {"/api/ai-echo/memories", "title", R"({"text":"a memory","title":false})"}};
  for (const auto& [path, field, request] : others) {
    expect_invalid_field(http_->Post(path, bearer(token), request, kJson), field, request);
  }
  expect_invalid_field(http_->Put("/api/ai-echo/persona", bearer(token), R"({"name":12})", kJson), "name", "persona");
}

TEST_F(AbuseApi, FeedbackRatingIsCheckedBeforeItIsNarrowed) {
  const std::string token = register_user("ann@example.com");
  {
    store::Database db(data_dir_.path() / "echoes.db");
    store::SynthesisRecord clip;
    clip.id = "clip-1";
    clip.user_id = user_id(*http_, token);
    clip.voice_id = "voice-1";
    clip.created_at = 1.0;
    store::FeedbackRepository(db).record_synthesis(clip);
  }
  for (const char* rating : {"4294967301", "-4294967291", "18446744073709551621", "0", "6"}) {
    const std::string request = std::string(R"({"synthesisId":"clip-1","rating":)") + rating + "}";
    expect_invalid_field(http_->Post("/api/voice/feedback", bearer(token), request, kJson), "rating", request);
  }
  auto rated = http_->Post("/api/voice/feedback", bearer(token), R"({"synthesisId":"clip-1","rating":5})", kJson);
  ASSERT_EQ(rated->status, 201) << rated->body;
  EXPECT_EQ(body(rated)["feedback"]["rating"], 5);
}

TEST_F(AbuseApi, ATranscriptThatIsNotUtf8IsA400) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const std::string token = register_user("ann@example.com");
  const std::string wav = kathleen_wav(4.0);
  auto refused = upload_with_transcript(token, wav, "wisdom-legacy", "Author of the danger trail \xFF\xFE\xC0\xAF");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400) << refused->body;
  EXPECT_EQ(body(refused)["error"]["code"], "invalid_argument");
  EXPECT_NE(body(refused)["error"]["message"].get<std::string>().find("transcript"), std::string::npos);
  EXPECT_EQ(body(http_->Get("/api/voice/recordings", bearer(token)))["recordings"].size(), 0u);
  // Long transcripts are counted in characters: 2,000 CJK characters (6,000 bytes) fit.
  EXPECT_EQ(upload_with_transcript(token, wav, "wisdom-legacy", repeat(kCjkChar, 2000))->status, 201);
  auto too_long = upload_with_transcript(token, wav, "wisdom-legacy", repeat(kCjkChar, 5001));
  EXPECT_EQ(too_long->status, 400);
  EXPECT_NE(body(too_long)["error"]["message"].get<std::string>().find("5000 characters"), std::string::npos);
}

TEST_F(AbuseApi, TextLimitsCountCharactersNotBytes) {
  const std::string token = register_user("ann@example.com");
  // 1,700 CJK characters are 5,100 bytes: under the 5,000-character limit.
  const std::string cjk = nlohmann::json({{"text", repeat(kCjkChar, 1700)}}).dump();
  auto accepted = http_->Post("/api/voice/synthesize", bearer(token), cjk, kJson);
  EXPECT_EQ(accepted->status, 409) << accepted->body;  // valid; there is just no voice yet
  const std::string over = nlohmann::json({{"text", repeat(kCjkChar, 5001)}}).dump();
  auto refused = http_->Post("/api/voice/synthesize", bearer(token), over, kJson);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(body(refused)["error"]["message"].get<std::string>().find("5000 characters"), std::string::npos);

  // Chat messages (at most 2,000 characters): 1,000 CJK characters are 3,000 bytes.
  const std::string message = nlohmann::json({{"message", repeat(kCjkChar, 1000)}}).dump();
  auto chat = http_->Post("/api/ai-echo/chat", bearer(token), message, kJson);
  EXPECT_EQ(chat->status, 200) << chat->body;
  const std::string long_message = nlohmann::json({{"message", repeat(kCjkChar, 2001)}}).dump();
  EXPECT_EQ(http_->Post("/api/ai-echo/chat", bearer(token), long_message, kJson)->status, 400);
}

// Sets the 'fmt ' fields of a canonical 44-byte-header WAV.
std::string with_fmt(std::string wav, std::uint16_t bits, std::uint16_t block_align, std::uint32_t byte_rate) {
  auto put = [&wav](std::size_t at, std::uint32_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) wav[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  };
  put(28, byte_rate, 4);
  put(32, block_align, 2);
  put(34, bits, 2);
  return wav;
}

TEST_F(AbuseApi, WavHeadersThatContradictThemselvesAreRefused) {
  const std::string token = register_user("ann@example.com");
  const int rate_hz = 22050;
  const std::string wav = wav_bytes(tone(2.0, 220.0, rate_hz), rate_hz);
  ASSERT_EQ(wav.substr(12, 4), "fmt ");
  struct Case {
    std::uint16_t bits, block_align;
    std::uint32_t byte_rate;
  };
  for (const Case& bad : {Case{7, 0, rate_hz * 2}, Case{7, 1, rate_hz}, Case{16, 0, rate_hz * 2},
                          Case{16, 4, rate_hz * 4}, Case{16, 2, rate_hz * 3}, Case{12, 2, rate_hz * 2}}) {
    auto result = upload(token, with_fmt(wav, bad.bits, bad.block_align, bad.byte_rate), "wisdom-legacy");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 415) << bad.bits << " bits, block " << bad.block_align << ": " << result->body;
    EXPECT_EQ(body(result)["error"]["code"], "unsupported_format");
    EXPECT_NE(body(result)["error"]["message"].get<std::string>().find("WAV header"), std::string::npos);
  }
  // The untouched file passes the header checks (and is refused later, for holding no speech).
  EXPECT_EQ(upload(token, with_fmt(wav, 16, 2, rate_hz * 2), "wisdom-legacy")->status, 422);
  EXPECT_EQ(body(http_->Get("/api/voice/recordings", bearer(token)))["recordings"].size(), 0u);
}

TEST_F(AbuseApi, OversizedBodiesAreRefusedBeforeTheyAreKept) {
  const std::string token = register_user("ann@example.com");
  // A 40 MB login: refused before any of it is kept or parsed.
  const std::string huge_login = R"({"email":"ann@example.com","password":")" + std::string(40'000'000, 'x') + "\"}";
  auto refused = http_->Post("/api/auth/login", huge_login, kJson);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 413);
  EXPECT_EQ(body(refused)["error"]["code"], "too_large");
  EXPECT_FALSE(body(refused)["error"]["message"].get<std::string>().empty());

  const std::string login = R"({"email":"ann@example.com","password":")" + std::string(2'000'000, 'x') + "\"}";
  EXPECT_EQ(http_->Post("/api/auth/login", login, kJson)->status, 413);
  // Sent in chunks with no length announced: refused too once past the cap.
  auto chunked = http_->Post(
      "/api/auth/login",
      [](std::size_t offset, httplib::DataSink& sink) {
        if (offset >= 200'000) {
          sink.done();
          return true;
        }
        const std::string piece(10'000, 'x');
        return sink.write(piece.data(), piece.size());
      },
      kJson);
  ASSERT_TRUE(chunked);
  EXPECT_EQ(chunked->status, 413);
  EXPECT_EQ(body(chunked)["error"]["code"], "too_large");
  // A large body to an address nobody serves is not kept either.
  EXPECT_EQ(http_->Post("/api/no-such-route", std::string(5'000'000, 'x'), kJson)->status, 404);

  // The server is fine, and ordinary requests still work.
  EXPECT_EQ(http_->Get("/healthz")->status, 200);
  const nlohmann::json good = {{"email", "ann@example.com"}, {"password", "correct horse battery"}};
  EXPECT_EQ(http_->Post("/api/auth/login", good.dump(), kJson)->status, 200);
  // JSON routes take more than sign-in does: a memory of ~20 KB is fine.
  const nlohmann::json memory = {{"text", std::string(19'000, 'm') + " end"}, {"title", std::string(100, 't')}};
  EXPECT_EQ(http_->Post("/api/ai-echo/memories", bearer(token), memory.dump(), kJson)->status, 201);
}

TEST_F(AbuseApi, UploadsUpToTheUploadCapStillWork) {
  ECHOES_REQUIRE_SPEECH_DATA();
  restart({"--max-upload-mb", "1"});
  const std::string token = register_user("ann@example.com");
  std::string wav = kathleen_wav(25.0);
  while (wav.size() > 990'000) wav = kathleen_wav(25.0 * 0.9 * 990'000 / wav.size());
  ASSERT_GT(wav.size(), 800'000u);
  auto accepted = upload(token, wav, "wisdom-legacy");
  EXPECT_EQ(accepted->status, 201) << accepted->body;
  auto over = upload(token, kathleen_wav(40.0), "wisdom-legacy");  // ~1.8 MB: the decoder's cap
  EXPECT_EQ(over->status, 413);
  EXPECT_EQ(body(over)["error"]["code"], "too_large");
  auto far_over = upload(token, std::string(5'000'000, 'x'), "wisdom-legacy");  // the route's cap
  EXPECT_EQ(far_over->status, 413);
  EXPECT_EQ(body(far_over)["error"]["code"], "too_large");
}

// A build killed with SIGKILL leaves its voice row at "building": start-up repair removes
// it (row and folder), the job is retried, and /v1/models lists only voices that can speak.
TEST_F(AbuseApi, ABuildInterruptedByACrashLeavesNoVoiceStuckBuilding) {
  const std::string token = register_user("ann@example.com");
  const std::string owner = user_id(*http_, token);
  server_->kill_hard();
  std::string stuck_voice_id;
  std::string job_id;
  {
    store::Database db(data_dir_.path() / "echoes.db");
    store::JobRepository jobs(db);
    job_id = jobs.enqueue(owner, "train_voice").id;
    ASSERT_TRUE(jobs.claim_next(std::string("train_voice")));  // running when the process died
    stuck_voice_id = store::VoiceRepository(db).create(owner, "building").id;
  }
  const auto stuck_dir = data_dir_.path() / "voices" / owner / stuck_voice_id;
  std::filesystem::create_directories(stuck_dir);
  std::ofstream(stuck_dir / "half-written.bin") << "partial";

  restart();
  const auto models = body(http_->Get("/v1/models", bearer(token)));
  EXPECT_EQ(models["data"].size(), 0u) << models.dump();
  const auto job = wait_for_job(*http_, token, job_id);  // the retry (no recordings: it fails)
  EXPECT_EQ(job["state"], "failed") << job.dump();
  EXPECT_FALSE(std::filesystem::exists(stuck_dir));
  store::Database db(data_dir_.path() / "echoes.db");
  const auto voices = store::VoiceRepository(db).list(owner);
  ASSERT_EQ(voices.size(), 1u);  // the retry's, not the stuck one
  EXPECT_NE(voices[0].id, stuck_voice_id);
  EXPECT_EQ(voices[0].status, "failed");
  EXPECT_EQ(body(http_->Get("/v1/models", bearer(token)))["data"].size(), 0u);
}

}  // namespace
}  // namespace echoes::testing
