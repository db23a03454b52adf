// Recordings in an S3 object store (object_store_url = s3://...), the step of issue #14
// that lets API nodes share audio: two `echoes serve` processes with their own data dirs,
// one PostgreSQL database and one bucket on a real radosgw (the throwaway Ceph cluster).
// A recording uploaded on one node is served byte for byte by the other and deleted
// through it; nothing of it lands in either data dir.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api_fixture.h"
#include "store/file_store.h"
#include "store/s3_object_store.h"
#include "support/ceph_cluster.h"
#include "support/postgres_cluster.h"
#include "support/test_data.h"

namespace echoes::testing {
namespace {

namespace fs = std::filesystem;

store::S3Settings bucket_settings(const S3Account& account, const std::string& bucket) {
  store::S3Settings settings;
  settings.endpoint.url = account.endpoint;
  settings.endpoint.access_key = account.access_key;
  settings.endpoint.secret_key = account.secret_key;
  settings.bucket = bucket;
  settings.prefix = "echoes";
  return settings;
}

// A config file that puts recordings in the bucket (the keys stay out of the command line).
fs::path write_s3_config(const TempDir& dir, const S3Account& account, const std::string& bucket) {
  const fs::path file = dir.path() / "echoes.conf";
  std::ofstream(file) << "object_store_url = s3://" << bucket << "/echoes\n"
                      << "s3_endpoint = " << account.endpoint << "\n"
                      << "s3_access_key = " << account.access_key << "\n"
                      << "s3_secret_key = " << account.secret_key << "\n";
  return file;
}

size_t files_below(const fs::path& dir) {
  std::error_code ec;
  size_t count = 0;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    count += it->is_regular_file() ? 1 : 0;
  }
  return count;
}

TEST(ObjectStoreApi, TwoNodesShareRecordingsThroughS3) {
  ECHOES_REQUIRE_SPEECH_DATA();
  std::string database_url, bucket;
  S3Account account;
  require_postgres(database_url);
  if (database_url.empty()) return;
  require_ceph(account, bucket);
  if (bucket.empty()) return;
  const store::S3ObjectStore objects(bucket_settings(account, bucket));
  objects.create_bucket();
  TempDir config_dir, data_a, data_b;
  const std::string config = write_s3_config(config_dir, account, bucket).string();
  ServerProcess node_a(data_a.path(), {"--database-url", database_url, "--config", config});
  ServerProcess node_b(data_b.path(), {"--database-url", database_url, "--config", config});
  auto a = node_a.client();
  auto b = node_b.client();

  const nlohmann::json account_json = {
      {"email", "ann@example.com"}, {"password", "correct horse battery"}, {"name", "Ann"}};
  const std::string token = ApiTest::body(a->Post("/api/auth/register", account_json.dump(), "application/json"))["token"];
  std::ifstream in(speech_dir() / "kathleen" / "original" / "arctic_a0001.wav", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const httplib::MultipartFormDataItems form = {{"audio", bytes, "arctic_a0001.wav", "audio/wav"},
                                                {"passageId", "conversational-warmth", "", ""}};
  auto uploaded = a->Post("/api/voice/upload", bearer(token), form);
  ASSERT_TRUE(uploaded);
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const std::string id = ApiTest::body(uploaded)["recording"]["id"];

  EXPECT_EQ(objects.list("audio").size(), 2u);  // the original and the 22,050 Hz working copy
  EXPECT_EQ(files_below(data_a.path() / "audio"), 0u);
  auto served_by_b = b->Get("/api/voice/recordings/" + id + "/audio", bearer(token));
  ASSERT_TRUE(served_by_b);
  ASSERT_EQ(served_by_b->status, 200);
  EXPECT_TRUE(served_by_b->body == bytes);  // byte for byte

  auto removed = b->Delete("/api/voice/recordings/" + id, bearer(token));
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 200);
  EXPECT_TRUE(objects.list("audio").empty());
  EXPECT_EQ(a->Get("/api/voice/recordings/" + id + "/audio", bearer(token))->status, 404);
}

TEST(ObjectStoreApi, AServerWithAWrongSecretDoesNotStart) {
  std::string bucket;
  S3Account account;
  require_ceph(account, bucket);
  if (bucket.empty()) return;
  store::S3ObjectStore(bucket_settings(account, bucket)).create_bucket();
  account.secret_key = "wrong-secret-do-not-print";
  TempDir config_dir, data;
  const std::string config = write_s3_config(config_dir, account, bucket).string();
  // The start-up repair lists the bucket first, so a bad setting stops the server at once.
  EXPECT_THROW(ServerProcess(data.path(), {"--config", config}), std::runtime_error);
}

}  // namespace
}  // namespace echoes::testing
