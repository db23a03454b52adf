#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "common/config.h"
#include "common/error.h"
#include "support/temp_dir.h"

namespace echoes {
namespace {

TEST(Config, DefaultsAreSane) {
  const Config config;
  EXPECT_EQ(config.listen_host, "127.0.0.1");
  EXPECT_EQ(config.listen_port, 8080);
  EXPECT_EQ(config.max_upload_bytes, 50'000'000u);
  EXPECT_DOUBLE_EQ(config.max_recording_s, 600.0);
  EXPECT_EQ(config.listen_backlog, 128);
  EXPECT_DOUBLE_EQ(config.synthesis_audio_s_per_minute, 300.0);
  EXPECT_DOUBLE_EQ(config.chat_per_minute, 30.0);
}

TEST(Config, AbuseLimitsAndTheBacklogAreSettings) {
  Config config;
  apply_config_values(config,
                      {{"listen_backlog", "512"}, {"synthesis_audio_s_per_minute", "90"}, {"chat_per_minute", "5"}},
                      "test");
  EXPECT_EQ(config.listen_backlog, 512);
  EXPECT_DOUBLE_EQ(config.synthesis_audio_s_per_minute, 90.0);
  EXPECT_DOUBLE_EQ(config.chat_per_minute, 5.0);
  EXPECT_THROW(apply_config_values(config, {{"listen_backlog", "0"}}, "test"), Error);
}

TEST(Config, SlowClientAndConnectionLimitsAreSettings) {
  Config config;
  EXPECT_EQ(config.max_connections, 512);
  EXPECT_EQ(config.max_connections_per_client, 32);
  EXPECT_DOUBLE_EQ(config.request_timeout_s, 20.0);
  EXPECT_DOUBLE_EQ(config.request_min_bytes_per_s, 4096.0);
  apply_config_values(config,
                      {{"max_connections", "64"}, {"max_connections_per_client", "4"}, {"request_timeout_s", "2.5"},
                       {"request_min_bytes_per_s", "1000"}},
                      "test");
  EXPECT_EQ(config.max_connections, 64);
  EXPECT_EQ(config.max_connections_per_client, 4);
  EXPECT_DOUBLE_EQ(config.request_timeout_s, 2.5);
  EXPECT_DOUBLE_EQ(config.request_min_bytes_per_s, 1000.0);
  for (const char* key : {"max_connections", "max_connections_per_client", "request_timeout_s", "request_min_bytes_per_s"}) {
    EXPECT_THROW(apply_config_values(config, {{key, "0"}}, "test"), Error) << key;
  }
}

TEST(Config, RoleAndJobLeaseAreSettings) {
  Config config;
  EXPECT_EQ(config.role, "all");
  EXPECT_DOUBLE_EQ(config.job_lease_s, 30.0);
  apply_config_values(config, {{"role", "worker"}, {"job_lease_s", "10"}}, "test");
  EXPECT_EQ(config.role, "worker");
  EXPECT_DOUBLE_EQ(config.job_lease_s, 10.0);
  EXPECT_THROW(apply_config_values(config, {{"role", "everything"}}, "test"), Error);
  EXPECT_THROW(apply_config_values(config, {{"job_lease_s", "0"}}, "test"), Error);
}

TEST(Config, ParsesKeyValueTextWithComments) {
  const auto values = parse_config_text("# comment\nlisten = 0.0.0.0:9000\n\n data_dir=/tmp/x # trailing\n");
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values.at("listen"), "0.0.0.0:9000");
  EXPECT_EQ(values.at("data_dir"), "/tmp/x");
}

TEST(Config, RejectsMalformedLinesAndUnknownKeys) {
  EXPECT_THROW(parse_config_text("just words"), Error);
  Config config;
  EXPECT_THROW(apply_config_values(config, {{"lisen", "1"}}, "test"), Error);
  EXPECT_THROW(apply_config_values(config, {{"max_upload_mb", "ten"}}, "test"), Error);
  EXPECT_THROW(apply_config_values(config, {{"listen", "host:99999"}}, "test"), Error);
}

TEST(Config, FlagsBeatEnvironmentBeatFileBeatDefaults) {
  testing::TempDir dir;
  const auto file = dir.path() / "echoes.conf";
  std::ofstream(file) << "listen = 127.0.0.1:7000\ndata_dir = from-file\nmax_recording_s = 30\n";
  setenv("ECHOES_DATA_DIR", "from-env", 1);
  setenv("ECHOES_MAX_RECORDING_S", "45", 1);
  const Config config = resolve_config(file, {{"max_recording_s", "60"}});
  unsetenv("ECHOES_DATA_DIR");
  unsetenv("ECHOES_MAX_RECORDING_S");
  EXPECT_EQ(config.listen_port, 7000);             // file
  EXPECT_EQ(config.data_dir, "from-env");          // env over file
  EXPECT_DOUBLE_EQ(config.max_recording_s, 60.0);  // flag over env
  EXPECT_EQ(config.http_threads, 8);               // default
}

TEST(Config, ObjectStoreSettingsComeFromTheEnvironment) {
  EXPECT_EQ(Config().object_store_url, "");  // default: files under data_dir
  setenv("ECHOES_OBJECT_STORE_URL", "s3://echoes-audio/prod", 1);
  setenv("ECHOES_S3_ENDPOINT", "http://127.0.0.1:7480", 1);
  setenv("ECHOES_S3_ACCESS_KEY", "AKIDEXAMPLE", 1);
  setenv("ECHOES_S3_SECRET_KEY", "not-a-real-secret", 1);
  const Config config = resolve_config("", {});
  for (const char* name : {"ECHOES_OBJECT_STORE_URL", "ECHOES_S3_ENDPOINT", "ECHOES_S3_ACCESS_KEY", "ECHOES_S3_SECRET_KEY"}) {
    unsetenv(name);
  }
  EXPECT_EQ(config.object_store_url, "s3://echoes-audio/prod");
  EXPECT_EQ(config.s3_endpoint, "http://127.0.0.1:7480");
  EXPECT_EQ(config.s3_region, "us-east-1");
  EXPECT_EQ(config.s3_access_key, "AKIDEXAMPLE");
  EXPECT_EQ(config.s3_secret_key, "not-a-real-secret");
  Config other;
  EXPECT_THROW(apply_config_values(other, {{"object_store_url", "http://bucket"}}, "test"), Error);
}

TEST(Config, MissingConfigFileIsAnError) {
  EXPECT_THROW(resolve_config("/nonexistent/echoes.conf", {}), Error);
}

}  // namespace
}  // namespace echoes
