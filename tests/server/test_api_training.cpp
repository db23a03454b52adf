// From recordings to speech over HTTP: train (background job), poll, synthesize whole
// and streamed, with real speech (Kathleen's prompts with their transcripts).
#include <chrono>
#include <thread>

#include "api_fixture.h"
#include "audio/decode.h"
#include "support/test_data.h"

namespace echoes::testing {
namespace {

class TrainingApi : public BackendApiTest {};
ECHOES_ON_BOTH_BACKENDS(TrainingApi);

const char* kPassageIds[] = {"conversational-warmth", "emotional-expression", "wisdom-legacy", "technical-clarity"};

TEST_P(TrainingApi, TrainsFromRecordingsThenSpeaksWholeAndStreamed) {
  ECHOES_REQUIRE_SPEECH_DATA();
  restart_without_consent_gate();  // consent is tested in test_api_consent.cpp
  const std::string token = register_user("kathleen@example.com");
  auto too_early = http_->Post("/api/voice/train", bearer(token), "", "application/json");
  EXPECT_EQ(too_early->status, 400);
  auto no_voice = http_->Post("/api/voice/synthesize", bearer(token), R"({"text":"Hello there."})", "application/json");
  EXPECT_EQ(no_voice->status, 409);

  // ~3.5 minutes of real speech as the four passages, each with what was actually read.
  for (int p = 0; p < 4; ++p) {
    const auto spoken = kathleen_prompts(1 + 18 * p, 18);
    auto uploaded = upload_with_transcript(token, spoken.wav, kPassageIds[p], spoken.transcript);
    ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  }
  auto status = body(http_->Get("/api/voice/status", bearer(token)));
  ASSERT_FALSE(status["trainingJob"].is_null());  // queued automatically at Recommended
  auto again = http_->Post("/api/voice/train", bearer(token), "", "application/json");
  if (status["trainingStatus"] != "done") {
    EXPECT_EQ(again->status, 409);
  }

  const auto job = wait_for_job(*http_, token, status["trainingJob"]["id"]);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_DOUBLE_EQ(job["progress"].get<double>(), 1.0);
  EXPECT_GE(job["result"]["report"]["utterancesUsed"].get<int>(), 3) << job.dump();
  status = body(http_->Get("/api/voice/status", bearer(token)));
  EXPECT_TRUE(status["modelReady"].get<bool>());
  // The self-assessment follows the build: held-out real speech vs the voice speaking it.
  for (int i = 0; i < 600 && status["voiceQuality"].value("state", "") != "done"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    status = body(http_->Get("/api/voice/status", bearer(token)));
  }
  ASSERT_EQ(status["voiceQuality"]["state"], "done") << status["voiceQuality"].dump();
  for (const char* part : {"similarity", "clarity", "naturalness", "qualityScore"}) {
    const double value = status["voiceQuality"][part].get<double>();
    EXPECT_GE(value, 0.0) << part;
    EXPECT_LE(value, 100.0) << part;
  }
  EXPECT_EQ(status["qualitySource"], "voice");
  EXPECT_DOUBLE_EQ(status["qualityScore"].get<double>(), status["voiceQuality"]["qualityScore"].get<double>());
  EXPECT_GT(status["voiceQuality"]["similarity"].get<double>(), 50.0) << status["voiceQuality"].dump();
  EXPECT_EQ(status["trainingStatus"], "done");

  const nlohmann::json request = {{"text", "I remember the summer we spent by the lake. Tell the children I love them."}};
  auto whole = http_->Post("/api/voice/synthesize", bearer(token), request.dump(), "application/json");
  ASSERT_EQ(whole->status, 200) << whole->body;
  EXPECT_EQ(whole->get_header_value("Content-Type"), "audio/wav");
  const std::string synthesis_id = whole->get_header_value("X-Synthesis-Id");
  ASSERT_FALSE(synthesis_id.empty());
  // The person rates the clip; the rating is kept server-side (and can be changed).
  const nlohmann::json rating = {{"synthesisId", synthesis_id}, {"rating", 4}, {"comment", "Close to me."}};
  EXPECT_EQ(http_->Post("/api/voice/feedback", bearer(token), rating.dump(), "application/json")->status, 201);
  nlohmann::json changed = rating;
  changed["rating"] = 5;
  EXPECT_EQ(http_->Post("/api/voice/feedback", bearer(token), changed.dump(), "application/json")->status, 201);
  changed["rating"] = 9;
  EXPECT_EQ(http_->Post("/api/voice/feedback", bearer(token), changed.dump(), "application/json")->status, 400);
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(whole->body.data());
  const auto decoded = audio::decode_audio(std::span(bytes, whole->body.size()));
  EXPECT_EQ(decoded.source_rate_hz, 22050);
  EXPECT_GT(decoded.audio.duration_s(), 2.5);
  EXPECT_LT(decoded.audio.duration_s(), 12.0);

  nlohmann::json streamed_request = request;
  streamed_request["stream"] = true;
  streamed_request["format"] = "pcm16";
  auto stream = http_->Post("/api/voice/synthesize", bearer(token), streamed_request.dump(), "application/json");
  ASSERT_EQ(stream->status, 200);
  const std::string streamed = stream->body;
  EXPECT_GT(streamed.size(), 22050u * 2 * 2);  // > 2 s of 16-bit samples

  // Another user cannot speak with Kathleen's voice.
  const std::string other = register_user("other@example.com");
  EXPECT_EQ(http_->Post("/api/voice/synthesize", bearer(other), request.dump(), "application/json")->status, 409);
  EXPECT_EQ(http_->Post("/api/voice/feedback", bearer(other), rating.dump(), "application/json")->status, 404);

  // The AI Echo answers in the trained voice (no text model configured here: the honest
  // memory fallback, spoken).
  const auto chat = body(http_->Post("/api/ai-echo/chat", bearer(token),
                                     R"({"message":"Do you remember the lake?","includeVoice":true})",
                                     "application/json"));
  ASSERT_FALSE(chat["voice"].is_null()) << chat.dump();
  EXPECT_GT(chat["voice"]["durationSec"].get<double>(), 0.5);
  EXPECT_TRUE(chat["capabilities"]["voiceReady"].get<bool>());

  // Every clip is watermarked with its voice; only the owner learns which voice.
  const auto detect = [&](const std::string& token_, const std::string& clip) {
    httplib::MultipartFormDataItems items = {{"audio", clip, "clip.wav", "audio/wav"}};
    return body(http_->Post("/api/watermark/detect", bearer(token_), items));
  };
  const auto mine = detect(token, whole->body);
  EXPECT_TRUE(mine["fromEchoes"].get<bool>()) << mine.dump();
  ASSERT_EQ(mine["voices"].size(), 1u) << mine.dump();
  EXPECT_TRUE(mine["voices"][0]["yours"].get<bool>());
  EXPECT_EQ(mine["voices"][0]["voiceId"], job["result"]["voiceId"]);
  const auto theirs = detect(other, whole->body);
  EXPECT_TRUE(theirs["fromEchoes"].get<bool>());
  EXPECT_TRUE(theirs["voices"][0]["voiceId"].is_null());
  const auto real = detect(token, kathleen_prompts(300, 2).wav);
  EXPECT_FALSE(real["fromEchoes"].get<bool>()) << real.dump();
}

TEST_P(TrainingApi, SynthesisRejectsBadRequestsClearly) {
  const std::string token = register_user("ann@example.com");
  for (const char* bad : {R"({})", R"({"text":""})", R"({"text":"   "})", R"({"text":"hi","quality":"ultra"})",
                          R"({"text":"hi","speed":9})", R"({"text":"hi","format":"mp4"})",
                          R"({"text":"hi","format":"flac","stream":true})"}) {
    auto result = http_->Post("/api/voice/synthesize", bearer(token), bad, "application/json");
    EXPECT_EQ(result->status, 400) << bad;
    EXPECT_EQ(body(result)["error"]["code"], "invalid_argument") << bad;
  }
  const std::string huge = nlohmann::json({{"text", std::string(6000, 'a')}}).dump();
  EXPECT_EQ(http_->Post("/api/voice/synthesize", bearer(token), huge, "application/json")->status, 400);
}

}  // namespace
}  // namespace echoes::testing
