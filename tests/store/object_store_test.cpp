// The object-store contract, run against every backend: the data directory on local disk
// and S3 on a real radosgw (the throwaway Ceph cluster).
#include "store/object_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "object_store_test_util.h"
#include "store/file_store.h"
#include "support/temp_dir.h"

namespace echoes::store::test {
namespace {

enum class ObjectBackend { kFile, kS3 };

std::string backend_name(const ::testing::TestParamInfo<ObjectBackend>& info) {
  return info.param == ObjectBackend::kFile ? "File" : "S3";
}

std::string random_bytes(size_t size_bytes, unsigned seed) {
  std::mt19937 generator(seed);
  std::string bytes(size_bytes, '\0');
  for (char& c : bytes) c = static_cast<char>(generator());
  return bytes;
}

class ObjectStoreContract : public ::testing::TestWithParam<ObjectBackend> {
 protected:
  void SetUp() override {
    if (GetParam() == ObjectBackend::kFile) {
      store = std::make_unique<FileStore>(dir.path() / "objects");
    } else {
      store = fresh_s3_store();
    }
  }

  echoes::testing::TempDir dir;
  std::unique_ptr<ObjectStore> store;
};

TEST_P(ObjectStoreContract, PutsGetsAndOverwrites) {
  const std::string bytes("RIFF\0\0\0\0WAVE", 12);
  store->put("audio/u1/a.wav", bytes);
  EXPECT_TRUE(store->exists("audio/u1/a.wav"));
  EXPECT_EQ(store->get("audio/u1/a.wav"), bytes);
  store->put("audio/u1/a.wav", "new");
  EXPECT_EQ(store->get("audio/u1/a.wav"), "new");
  store->put("audio/u1/empty.wav", "");
  EXPECT_EQ(store->get("audio/u1/empty.wav"), "");
}

TEST_P(ObjectStoreContract, MissingObjectIsNotFound) {
  EXPECT_EQ(thrown_error([&] { store->get("audio/u1/none.wav"); }).code(), error_code::kNotFound);
  EXPECT_FALSE(store->exists("audio/u1/none.wav"));
  EXPECT_FALSE(store->remove("audio/u1/none.wav"));
}

TEST_P(ObjectStoreContract, RemovesOnce) {
  store->put("voices/u1/voice.bin", "v");
  EXPECT_TRUE(store->remove("voices/u1/voice.bin"));
  EXPECT_FALSE(store->exists("voices/u1/voice.bin"));
  EXPECT_FALSE(store->remove("voices/u1/voice.bin"));
  EXPECT_EQ(thrown_error([&] { store->get("voices/u1/voice.bin"); }).code(), error_code::kNotFound);
}

TEST_P(ObjectStoreContract, ListsAFolderRecursivelyAndSorted) {
  for (const char* key : {"audio/u1/b.wav", "audio/u1/a.wav", "audio/u1/x/c.wav", "audio/u12/d.wav", "voices/u1/v"}) {
    store->put(key, key);
  }
  EXPECT_EQ(store->list("audio/u1"), (std::vector<std::string>{"audio/u1/a.wav", "audio/u1/b.wav", "audio/u1/x/c.wav"}));
  EXPECT_EQ(store->list("audio").size(), 4u);
  EXPECT_TRUE(store->list("audio/nobody").empty());
  store->remove("audio/u1/b.wav");
  EXPECT_EQ(store->list("audio/u1"), (std::vector<std::string>{"audio/u1/a.wav", "audio/u1/x/c.wav"}));
}

TEST_P(ObjectStoreContract, KeysWithSpacesAndSymbolsRoundTrip) {
  const std::string key = "audio/u1/take 1+2=3&x;y,z@(é).wav";
  store->put(key, "odd");
  EXPECT_EQ(store->get(key), "odd");
  EXPECT_EQ(store->list("audio/u1"), std::vector<std::string>{key});
  EXPECT_TRUE(store->remove(key));
}

TEST_P(ObjectStoreContract, RejectsBadKeysBeforeAnyIo) {
  for (const char* key : {"", "/abs", "a/../b", "a//b", "./a", "a/.tmp-x", "a\\b", "a/"}) {
    SCOPED_TRACE(key);
    EXPECT_EQ(thrown_error([&] { store->put(key, "x"); }).code(), error_code::kInvalidArgument);
    EXPECT_EQ(thrown_error([&] { store->get(key); }).code(), error_code::kInvalidArgument);
    EXPECT_EQ(thrown_error([&] { store->list(key); }).code(), error_code::kInvalidArgument);
  }
}

TEST_P(ObjectStoreContract, LargeObjectRoundTrips) {
  constexpr size_t kSizeBytes = 20 << 20;
  const std::string bytes = random_bytes(kSizeBytes, 7);
  const auto start = std::chrono::steady_clock::now();
  store->put("voices/u1/big.bin", bytes);
  const auto written = std::chrono::steady_clock::now();
  const std::string back = store->get("voices/u1/big.bin");
  const auto read = std::chrono::steady_clock::now();
  EXPECT_TRUE(back == bytes);  // not EXPECT_EQ: no 20 MB diff on failure
  auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  std::printf("20 MiB object: put %lld ms, get %lld ms\n", static_cast<long long>(ms(written - start)),
              static_cast<long long>(ms(read - written)));
}

// A reader never sees part of an object, nor a mix of the old and the new one.
TEST_P(ObjectStoreContract, ReadersSeeWholeObjectsWhileAWriterReplacesThem) {
  constexpr size_t kSizeBytes = 1 << 20;
  const std::string first(kSizeBytes, 'a'), second(kSizeBytes, 'b');
  store->put("audio/u1/hot.wav", first);
  std::atomic<bool> done = false;
  std::atomic<int> torn = 0, reads = 0;
  std::thread reader([&] {
    while (!done) {
      const std::string seen = store->get("audio/u1/hot.wav");
      if (seen != first && seen != second) ++torn;
      ++reads;
    }
  });
  for (int i = 0; i < 20; ++i) store->put("audio/u1/hot.wav", i % 2 ? first : second);
  done = true;
  reader.join();
  EXPECT_EQ(torn, 0);
  EXPECT_GT(reads, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ObjectStoreContract, ::testing::Values(ObjectBackend::kFile, ObjectBackend::kS3),
                         backend_name);

}  // namespace
}  // namespace echoes::store::test
