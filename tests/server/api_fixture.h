#pragma once
// Shared setup for API tests: a fresh data dir, the real server, accounts and audio.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server_process.h"
#include "support/backends.h"
#include "support/temp_dir.h"

namespace echoes::testing {

class ApiTest : public ::testing::Test {
 public:
  void SetUp() override;
  void restart(std::vector<std::string> extra_args = {});
  /// Restarts the server as a deployment that does not gate voice building on the spoken
  /// consent (config require_consent = false), for tests about building, not consent.
  void restart_without_consent_gate();

  /// Registers a new user and returns the token.
  std::string register_user(const std::string& email, const std::string& password = "correct horse battery");

  /// POSTs multipart {audio, passageId}.
  httplib::Result upload(const std::string& token, const std::string& bytes, const std::string& passage_id,
                         const std::string& filename = "take.wav");

  /// POSTs multipart {audio, passageId, transcript}.
  httplib::Result upload_with_transcript(const std::string& token, const std::string& bytes,
                                         const std::string& passage_id, const std::string& transcript);

  static nlohmann::json body(const httplib::Result& result);

  TempDir data_dir_;
  TempDir config_dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<httplib::Client> http_;
  std::vector<std::string> server_args_;
  /// A PostgreSQL URI the server runs on (passed as --database-url); empty: SQLite in data_dir_.
  std::string database_url_;
};

/// An ApiTest whose server runs on the parameter's database backend: SQLite in the data
/// dir, or a fresh schema in the test binary's throwaway PostgreSQL cluster. Instantiate
/// with ECHOES_ON_BOTH_BACKENDS(Suite).
class BackendApiTest : public ApiTest, public ::testing::WithParamInterface<Backend> {
 public:
  void SetUp() override;
};

/// Kathleen's prompts concatenated into one 16-bit WAV of at least `min_duration_s`,
/// starting at prompt `first_index` (1-based). Needs the shared speech data.
std::string kathleen_wav(double min_duration_s, int first_index = 1);

/// Kathleen's prompts [first_index, first_index + count) as one WAV and the joined transcript.
struct SpokenText {
  std::string wav;
  std::string transcript;
};
SpokenText kathleen_prompts(int first_index, int count);

/// Polls GET /api/voice/train/{id} until the job is done or failed (2 minutes at most).
nlohmann::json wait_for_job(httplib::Client& http, const std::string& token, const std::string& job_id);

/// A 16-bit WAV of the given samples at `rate_hz`.
std::string wav_bytes(const std::vector<float>& samples, int rate_hz);

}  // namespace echoes::testing
