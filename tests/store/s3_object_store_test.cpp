// What only the S3 backend has: paging through listings, prefixes sharing a bucket, and
// clear errors for wrong credentials, a missing bucket, an endpoint that is down and bad
// settings, none of which may show a secret. Runs against the throwaway Ceph cluster's
// radosgw (support/ceph_cluster.h) except where no server is needed.
#include "store/s3_object_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "object_store_test_util.h"

namespace echoes::store::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A loopback port nothing listens on (bound, then closed).
int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  close(fd);
  return ntohs(address.sin_port);
}

S3Settings offline_settings(const std::string& secret) {
  S3Settings settings;
  settings.endpoint.url = "http://127.0.0.1:" + std::to_string(closed_port());
  settings.endpoint.access_key = "ECHOESTESTKEY";
  settings.endpoint.secret_key = secret;
  settings.bucket = "echoes-test";
  return settings;
}

TEST(S3ObjectStore, ListingPagesThroughContinuationTokens) {
  auto store = fresh_s3_store("", 2);  // two keys a page: seven keys take four pages
  if (!store) return;
  std::vector<std::string> keys;
  for (int i = 0; i < 7; ++i) keys.push_back("audio/u1/" + std::to_string(i) + ".wav");
  for (const std::string& key : keys) store->put(key, key);
  store->put("audio/u2/other.wav", "x");
  EXPECT_EQ(store->list("audio/u1"), keys);
  EXPECT_EQ(store->list("audio").size(), 8u);
}

TEST(S3ObjectStore, PrefixesKeepStoresInOneBucketApart) {
  echoes::testing::S3Account account;
  std::string bucket;
  echoes::testing::require_ceph(account, bucket);
  if (bucket.empty()) return;
  S3ObjectStore staging(s3_settings(account, bucket, "echoes/staging"));
  S3ObjectStore prod(s3_settings(account, bucket, "echoes/prod"));
  staging.create_bucket();
  prod.create_bucket();  // already ours: fine
  staging.put("audio/u1/a.wav", "staging");
  prod.put("audio/u1/a.wav", "prod");
  EXPECT_EQ(staging.get("audio/u1/a.wav"), "staging");
  EXPECT_EQ(prod.get("audio/u1/a.wav"), "prod");
  EXPECT_EQ(prod.list("audio"), std::vector<std::string>{"audio/u1/a.wav"});
  EXPECT_EQ(prod.describe(), "s3://" + bucket + "/echoes/prod at " + account.endpoint);
}

TEST(S3ObjectStore, WrongSecretIsAClearCredentialsErrorThatShowsNoSecret) {
  echoes::testing::S3Account account;
  std::string bucket;
  echoes::testing::require_ceph(account, bucket);
  if (bucket.empty()) return;
  S3Settings settings = s3_settings(account, bucket);
  S3ObjectStore(settings).create_bucket();
  const std::string wrong_secret = "wrong-secret-" + account.secret_key.substr(0, 8) + "-do-not-print";
  settings.endpoint.secret_key = wrong_secret;
  const S3ObjectStore store(settings);
  ::testing::internal::CaptureStderr();  // the structured log
  const Error put_error = thrown_error([&] { store.put("audio/u1/a.wav", "x"); });
  const Error get_error = thrown_error([&] { store.get("audio/u1/a.wav"); });
  const Error list_error = thrown_error([&] { store.list("audio"); });
  const std::string log = ::testing::internal::GetCapturedStderr();
  for (const Error& e : {put_error, get_error, list_error}) {
    EXPECT_EQ(e.code(), error_code::kUnavailable);
    EXPECT_THAT(e.what(), HasSubstr("refused Echoes' credentials (SignatureDoesNotMatch)"));
    EXPECT_THAT(e.what(), Not(HasSubstr(wrong_secret)));
    EXPECT_THAT(e.what(), Not(HasSubstr(account.secret_key)));
  }
  EXPECT_THAT(log, HasSubstr("SignatureDoesNotMatch"));
  EXPECT_THAT(log, Not(HasSubstr(wrong_secret)));
  EXPECT_THAT(log, Not(HasSubstr(account.secret_key)));
}

TEST(S3ObjectStore, UnknownAccessKeyIsACredentialsError) {
  echoes::testing::S3Account account;
  std::string bucket;
  echoes::testing::require_ceph(account, bucket);
  if (bucket.empty()) return;
  S3Settings settings = s3_settings(account, bucket);
  settings.endpoint.access_key = "NOSUCHKEY";
  const Error e = thrown_error([&] { S3ObjectStore(settings).get("audio/u1/a.wav"); });
  EXPECT_EQ(e.code(), error_code::kUnavailable);
  EXPECT_THAT(e.what(), HasSubstr("(InvalidAccessKeyId)"));
}

TEST(S3ObjectStore, MissingBucketIsUnavailableNotNotFound) {
  echoes::testing::S3Account account;
  std::string bucket;
  echoes::testing::require_ceph(account, bucket);
  if (bucket.empty()) return;
  const S3ObjectStore store(s3_settings(account, bucket));  // never created
  const Error e = thrown_error([&] { store.get("audio/u1/a.wav"); });
  EXPECT_EQ(e.code(), error_code::kUnavailable);
  EXPECT_THAT(e.what(), HasSubstr("bucket does not exist"));
}

TEST(S3ObjectStore, EndpointDownIsUnavailableAndShowsNoSecret) {
  const std::string secret = "offline-secret-do-not-print";
  const S3ObjectStore store(offline_settings(secret));
  ::testing::internal::CaptureStderr();
  for (const Error& e : {thrown_error([&] { store.put("audio/u1/a.wav", "x"); }),
                         thrown_error([&] { store.exists("audio/u1/a.wav"); }),
                         thrown_error([&] { store.list("audio"); })}) {
    EXPECT_EQ(e.code(), error_code::kUnavailable);
    EXPECT_STREQ(e.what(), "The object store could not be reached.");
  }
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(log, HasSubstr("network_error"));
  EXPECT_THAT(log, Not(HasSubstr(secret)));
}

TEST(S3ObjectStore, RejectsBadSettingsClearly) {
  auto message_for = [](const std::function<void(S3Settings&)>& change) {
    S3Settings settings = offline_settings("secret");
    change(settings);
    const Error e = thrown_error([&] { S3ObjectStore store(settings); });
    EXPECT_EQ(e.code(), error_code::kInvalidArgument);
    return std::string(e.what());
  };
  EXPECT_THAT(message_for([](S3Settings& s) { s.endpoint.url = "ftp://host"; }), HasSubstr("http:// or https://"));
  EXPECT_THAT(message_for([](S3Settings& s) { s.endpoint.url = "http://key:pass@host"; }), HasSubstr("credentials"));
  EXPECT_THAT(message_for([](S3Settings& s) { s.bucket = "Bad_Bucket"; }), HasSubstr("bucket name"));
  EXPECT_THAT(message_for([](S3Settings& s) { s.prefix = "../x"; }), HasSubstr("location"));
  EXPECT_THAT(message_for([](S3Settings& s) { s.endpoint.secret_key = ""; }), HasSubstr("secret key"));
  EXPECT_THAT(message_for([](S3Settings& s) { s.list_page_keys = 0; }), HasSubstr("page size"));
}

}  // namespace
}  // namespace echoes::store::test
