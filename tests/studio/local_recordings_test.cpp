// Recordings as local files for the voice builder: the file itself on the file backend,
// a scratch copy (gone afterwards) when recordings are in S3 (the throwaway radosgw).
#include "studio/local_recordings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/s3_object_store.h"
#include "support/ceph_cluster.h"
#include "support/temp_dir.h"

namespace echoes::studio {
namespace {

namespace fs = std::filesystem;

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(LocalRecordings, UsesTheFileItselfOnTheFileBackend) {
  testing::TempDir dir;
  store::FileStore files(dir.path());
  files.put("audio/u1/a.wav", "wav");
  {
    LocalRecordings local(files, files, "job1");
    EXPECT_EQ(local.path("audio/u1/a.wav"), files.resolve("audio/u1/a.wav"));
  }
  EXPECT_TRUE(files.exists("audio/u1/a.wav"));
  EXPECT_FALSE(fs::exists(dir.path() / "scratch"));
}

TEST(LocalRecordings, CopiesFromS3OnceAndRemovesTheCopies) {
  testing::S3Account account;
  std::string bucket;
  testing::require_ceph(account, bucket);
  if (bucket.empty()) return;
  store::S3Settings settings;
  settings.endpoint.url = account.endpoint;
  settings.endpoint.access_key = account.access_key;
  settings.endpoint.secret_key = account.secret_key;
  settings.bucket = bucket;
  const store::S3ObjectStore audio(settings);
  audio.create_bucket();
  audio.put("audio/u1/a.wav", "from s3");
  testing::TempDir dir;
  store::FileStore files(dir.path());
  fs::path copy;
  {
    LocalRecordings local(audio, files, "job2");
    copy = local.path("audio/u1/a.wav");
    EXPECT_EQ(file_text(copy), "from s3");
    EXPECT_EQ(local.path("audio/u1/a.wav"), copy);  // copied once
  }
  EXPECT_FALSE(fs::exists(copy));
  EXPECT_TRUE(audio.exists("audio/u1/a.wav"));  // the recording itself stays
}

TEST(LocalRecordings, StartUpRemovesCopiesACrashLeft) {
  testing::TempDir dir;
  store::FileStore files(dir.path());
  files.put("scratch/training-j/audio/u1/a.wav", "left");
  remove_scratch_copies(files);
  EXPECT_FALSE(fs::exists(dir.path() / "scratch"));
}

}  // namespace
}  // namespace echoes::studio
