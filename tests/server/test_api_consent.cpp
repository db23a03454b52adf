// Spoken consent over HTTP with real recordings (docs/consent.md). Nobody has read the consent
// statement aloud, so the accepted statement is Kathleen's voice built by the operator CLI
// (`echoes voice build`) from her CMU ARCTIC prompts, speaking it with `echoes say`: her voice
// reading it, as closely as this corpus allows. Refusals use her real speech of another text,
// and her synthesized statement for an account whose recordings are another speaker.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "api_fixture.h"
#include "audio/decode.h"
#include "common/config.h"
#include "common/error.h"
#include "store/audit_log.h"
#include "store/database.h"
#include "support/test_data.h"

namespace echoes::testing {
namespace {

using ConsentApi = ApiTest;
namespace fs = std::filesystem;

const char* kPassageIds[] = {"conversational-warmth", "emotional-expression", "wisdom-legacy", "technical-clarity"};

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::map<std::string, std::string> read_transcripts(const fs::path& tsv) {
  std::map<std::string, std::string> texts;
  std::ifstream in(tsv);
  for (std::string line; std::getline(in, line);) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) texts[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return texts;
}

// The newest audit event with `action` in the server's database (read beside the running server).
nlohmann::json audit_detail(const fs::path& data_dir, const std::string& action) {
  store::Database db(data_dir / "echoes.db");
  const auto events = store::AuditLog(db).list_by_action(action, 1);
  return events.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(events[0].detail_json);
}

int run(const std::string& command) { return std::system((command + " 2>/dev/null").c_str()); }

// Kathleen's voice from prompts 1..72 (about 3.5 minutes), built once per test run.
const fs::path& kathleen_voice() {
  static TempDir dir;
  static const fs::path voice = [] {
    const fs::path audio = speech_dir() / "kathleen" / "audio";
    const auto texts = read_transcripts(speech_dir() / "kathleen" / "transcripts.tsv");
    std::ofstream manifest(dir.path() / "manifest.tsv");
    for (int index = 1; index <= 72; ++index) {
      char id[32];
      std::snprintf(id, sizeof id, "arctic_a%04d", index);
      manifest << (audio / (std::string(id) + ".flac")).string() << '\t' << texts.at(id) << '\n';
    }
    manifest.close();
    const fs::path out = dir.path() / "kathleen";
    const int status = run(echoes_binary().string() + " voice build --manifest " + (dir.path() / "manifest.tsv").string() +
                           " --out " + out.string());
    EXPECT_EQ(status, 0) << "echoes voice build failed";
    return out;
  }();
  return voice;
}

// `text` spoken by Kathleen's built voice, as WAV bytes.
std::string kathleen_says(const std::string& text) {
  EXPECT_EQ(text.find('\''), std::string::npos);  // quoted with '...' below
  const fs::path out = kathleen_voice().parent_path() / "said.wav";
  const int status = run(echoes_binary().string() + " say --voice " + kathleen_voice().string() + " --text '" + text +
                         "' --out " + out.string());
  EXPECT_EQ(status, 0) << "echoes say failed";
  return read_bytes(out);
}

httplib::Result post_consent(httplib::Client& http, const std::string& token, const std::string& wav) {
  httplib::MultipartFormDataItems items = {{"audio", wav, "consent.wav", "audio/wav"}};
  return http.Post("/api/voice/consent", bearer(token), items);
}

std::string month_name_today() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%B", &parts);
  return text;
}

TEST(ConsentConfig, RequireConsentIsOnByDefaultAndSetFromFileOrEnvironment) {
  EXPECT_TRUE(Config{}.require_consent);
  Config config;
  apply_config_values(config, {{"require_consent", "false"}}, "test");
  EXPECT_FALSE(config.require_consent);
  EXPECT_THROW(apply_config_values(config, {{"require_consent", "no"}}, "test"), Error);
  setenv("ECHOES_REQUIRE_CONSENT", "false", 1);
  const auto from_env = config_values_from_env();
  unsetenv("ECHOES_REQUIRE_CONSENT");
  EXPECT_EQ(from_env.at("require_consent"), "false");
}

TEST_F(ConsentApi, ShowsTodaysStatementAndGatesTraining) {
  const std::string token = register_user("ann@example.com");
  auto reply = http_->Get("/api/voice/consent", bearer(token));
  ASSERT_EQ(reply->status, 200) << reply->body;
  const auto prompt = body(reply);
  const std::string statement = prompt["statement"];
  EXPECT_EQ(statement.rfind("I, Test Person, agree that Echoes may create a synthetic copy of my voice on " +
                                month_name_today() + " ",
                            0),
            0u)
      << statement;
  EXPECT_EQ(prompt["name"], "Test Person");
  EXPECT_EQ(prompt["dateIso"].get<std::string>().size(), 10u);
  EXPECT_TRUE(prompt["consentRequired"].get<bool>());
  EXPECT_EQ(prompt["consent"]["state"], "none");
  EXPECT_TRUE(prompt["consent"]["recordedAt"].is_null());
  EXPECT_EQ(body(http_->Get("/api/voice/consent", bearer(token)))["statement"], statement);  // stable

  const auto status = body(http_->Get("/api/voice/status", bearer(token)));
  EXPECT_TRUE(status["consentRequired"].get<bool>());
  EXPECT_FALSE(status["consentGiven"].get<bool>());
  EXPECT_EQ(status["consentState"], "none");

  EXPECT_EQ(http_->Get("/api/voice/consent")->status, 401);
  auto no_audio = http_->Post("/api/voice/consent", bearer(token), "{}", "application/json");
  EXPECT_EQ(no_audio->status, 400);
  auto not_audio = post_consent(*http_, token, "this is not audio");
  EXPECT_EQ(not_audio->status, 422);
  EXPECT_EQ(body(not_audio)["error"]["code"], "invalid_audio");
}

TEST_F(ConsentApi, ARealRecordingOfAnotherTextIsRefused) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const std::string token = register_user("kathleen@example.com");
  auto refused = post_consent(*http_, token, kathleen_prompts(1, 2).wav);  // "Author of the danger trail..."
  ASSERT_EQ(refused->status, 422) << refused->body;
  EXPECT_EQ(body(refused)["error"]["code"], "consent_mismatch");
  EXPECT_EQ(body(refused)["error"]["message"],
            "We could not hear the consent statement in this recording. Please read it exactly as shown.");
  const auto audited = audit_detail(data_dir_.path(), "consent.refused");
  EXPECT_EQ(audited["reason"], "statement_not_heard") << audited.dump();
  std::printf("ARCTIC prompt as consent: %s\n", audited.dump().c_str());
  EXPECT_EQ(body(http_->Get("/api/voice/consent", bearer(token)))["consent"]["state"], "none");
}

TEST_F(ConsentApi, OperatorBuildsRecordThatNoConsentWasAttached) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto report = nlohmann::json::parse(read_bytes(kathleen_voice() / "build-report.json"), nullptr, false);
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(report["consent"], "none attached (operator build)");
}

TEST_F(ConsentApi, KathleensStatementBuildsHerVoiceAndDeletionRemovesEverything) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const std::string token = register_user("kathleen@example.com");
  const std::string user_id = body(http_->Get("/api/auth/me", bearer(token)))["user"]["id"];
  for (int p = 0; p < 4; ++p) {
    const auto spoken = kathleen_prompts(1 + 18 * p, 18);
    auto uploaded = upload_with_transcript(token, spoken.wav, kPassageIds[p], spoken.transcript);
    ASSERT_EQ(uploaded->status, 201) << uploaded->body;
    EXPECT_TRUE(body(uploaded)["trainingJob"].is_null());  // Recommended reached, but no consent yet
  }
  auto forbidden = http_->Post("/api/voice/train", bearer(token), "", "application/json");
  EXPECT_EQ(forbidden->status, 403);
  EXPECT_EQ(body(forbidden)["error"]["message"], "Please record the consent statement before we build your voice.");

  const std::string statement = body(http_->Get("/api/voice/consent", bearer(token)))["statement"];
  auto accepted = post_consent(*http_, token, kathleen_says(statement));
  ASSERT_EQ(accepted->status, 201) << accepted->body;
  const auto consent = body(accepted);
  std::printf("Kathleen's synthesized statement for her account: match %.3f, voice distance %.3f\n",
              consent["matchScore"].get<double>(), consent["voiceDistance"].get<double>());
  std::printf("  audited: %s\n", audit_detail(data_dir_.path(), "consent.recorded").dump().c_str());
  EXPECT_EQ(consent["consent"]["state"], "accepted");
  EXPECT_FALSE(consent["consent"]["recordingId"].is_null());
  ASSERT_FALSE(consent["trainingJob"].is_null()) << consent.dump();  // queued now that consent is given

  const auto job = wait_for_job(*http_, token, consent["trainingJob"]["id"]);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_TRUE(job["result"]["consent"]["attached"].get<bool>()) << job.dump();
  EXPECT_EQ(job["result"]["consent"]["consentId"], consent["consent"]["recordingId"]);
  auto status = body(http_->Get("/api/voice/status", bearer(token)));
  EXPECT_TRUE(status["consentGiven"].get<bool>());
  EXPECT_TRUE(status["modelReady"].get<bool>());

  // Someone else's token cannot delete her voice; deleting one's own (empty) data is harmless.
  const std::string other = register_user("other@example.com");
  EXPECT_EQ(http_->Delete("/api/voice/" + job["result"]["voiceId"].get<std::string>(), bearer(other))->status, 404);
  EXPECT_TRUE(body(http_->Delete("/api/voice", bearer(other)))["verified"].get<bool>());

  auto deleted = http_->Delete("/api/voice", bearer(token));
  ASSERT_EQ(deleted->status, 200) << deleted->body;
  const auto receipt = body(deleted);
  EXPECT_EQ(receipt["deleted"]["recordings"], 4);
  EXPECT_EQ(receipt["deleted"]["voices"], 1);
  EXPECT_EQ(receipt["deleted"]["consents"], 1);
  EXPECT_GE(receipt["deleted"]["files"].get<int>(), 4 * 2 + 1 + 1);  // originals, working copies, consent, voice
  EXPECT_GT(receipt["deleted"]["bytes"].get<double>(), 1e6);
  EXPECT_TRUE(receipt["verified"].get<bool>());
  EXPECT_GT(receipt["checkedAt"].get<double>(), 0.0);

  // Checked independently of the receipt: the API and the data folder.
  EXPECT_TRUE(body(http_->Get("/api/voice/recordings", bearer(token)))["recordings"].empty());
  status = body(http_->Get("/api/voice/status", bearer(token)));
  EXPECT_FALSE(status["hasRecordings"].get<bool>());
  EXPECT_FALSE(status["modelReady"].get<bool>());
  EXPECT_EQ(status["consentState"], "none");
  EXPECT_FALSE(fs::exists(data_dir_.path() / "audio" / user_id));
  EXPECT_FALSE(fs::exists(data_dir_.path() / "voices" / user_id));
  auto synth = http_->Post("/api/voice/synthesize", bearer(token), R"({"text":"Hello there."})", "application/json");
  EXPECT_EQ(synth->status, 409);
}

TEST_F(ConsentApi, KathleensStatementForAnotherSpeakersAccountIsRefused) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const std::string token = register_user("learner@example.com");
  // Speaker 9600 (female, Mandarin L1): 4 recordings of 5 utterances each, with what was read.
  const fs::path speaker = speech_dir() / "speechocean" / "9600";
  const auto texts = read_transcripts(speaker / "transcripts.tsv");
  auto text = texts.begin();
  for (int p = 0; p < 4; ++p) {
    std::vector<float> samples;
    std::string transcript;
    for (int u = 0; u < 5 && text != texts.end(); ++u, ++text) {
      const auto decoded = audio::decode_audio_file(speaker / "audio" / (text->first + ".flac"));
      samples.insert(samples.end(), decoded.audio.samples.begin(), decoded.audio.samples.end());
      transcript += (transcript.empty() ? "" : " ") + text->second;
    }
    auto uploaded = upload_with_transcript(token, wav_bytes(samples, audio::kWorkingRateHz), kPassageIds[p], transcript);
    ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  }
  const std::string statement = body(http_->Get("/api/voice/consent", bearer(token)))["statement"];
  auto refused = post_consent(*http_, token, kathleen_says(statement));
  ASSERT_EQ(refused->status, 422) << refused->body;
  EXPECT_EQ(body(refused)["error"]["code"], "consent_mismatch");
  EXPECT_EQ(body(refused)["error"]["message"], "This voice does not sound like your other recordings.");
  const auto audited = audit_detail(data_dir_.path(), "consent.refused");
  EXPECT_EQ(audited["reason"], "different_voice") << audited.dump();
  std::printf("Kathleen's synthesized statement for speaker 9600's account: %s\n", audited.dump().c_str());
  EXPECT_EQ(body(http_->Get("/api/voice/consent", bearer(token)))["consent"]["state"], "none");
}

}  // namespace
}  // namespace echoes::testing
