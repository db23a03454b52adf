#include "store/file_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "support/temp_dir.h"

namespace echoes::store {
namespace {

namespace fs = std::filesystem;
using echoes::testing::TempDir;

std::vector<std::string> all_names(const fs::path& root) {
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(root)) names.push_back(e.path().filename().string());
  return names;
}

bool has_temp_file(const fs::path& root) {
  for (const auto& name : all_names(root)) {
    if (FileStore::is_temp_name(name)) return true;
  }
  return false;
}

void expect_bad_path(const std::function<void()>& f) {
  try {
    f();
    FAIL() << "expected kInvalidArgument";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kInvalidArgument);
  }
}

TEST(FileStore, WritesReadsAndRemoves) {
  TempDir dir;
  FileStore files(dir.path() / "data");
  const std::string bytes("RIFF\0\0\0\0WAVE", 12);
  files.write_atomic("audio/u1/a.wav", bytes);
  EXPECT_TRUE(files.exists("audio/u1/a.wav"));
  EXPECT_EQ(files.read("audio/u1/a.wav"), bytes);
  EXPECT_EQ(fs::file_size(dir.path() / "data/audio/u1/a.wav"), 12u);
  files.write_atomic("audio/u1/a.wav", "new");  // overwrite
  EXPECT_EQ(files.read("audio/u1/a.wav"), "new");
  EXPECT_FALSE(has_temp_file(files.data_dir()));
  EXPECT_TRUE(files.remove("audio/u1/a.wav"));
  EXPECT_FALSE(files.remove("audio/u1/a.wav"));
  EXPECT_FALSE(files.exists("audio/u1/a.wav"));
  try {
    files.read("audio/u1/a.wav");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kNotFound);
  }
}

TEST(FileStore, WritesLargeAndEmptyFiles) {
  TempDir dir;
  FileStore files(dir.path());
  std::string big(3 * (1 << 20) + 17, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 31);
  files.write_atomic("big.bin", big);
  EXPECT_EQ(files.read("big.bin"), big);
  files.write_atomic("empty.bin", "");
  EXPECT_EQ(files.read("empty.bin"), "");
}

TEST(FileStore, RejectsPathsEscapingTheDataDir) {
  TempDir dir;
  FileStore files(dir.path() / "data");
  for (const char* bad : {"", "/etc/passwd", "../outside", "audio/../../outside", "audio/./x", "audio//x",
                          "audio/", "a\\b", ".tmp-123", "audio/.tmp-x", ".."}) {
    SCOPED_TRACE(bad);
    expect_bad_path([&] { files.write_atomic(bad, "x"); });
    expect_bad_path([&] { files.read(bad); });
    expect_bad_path([&] { files.remove(bad); });
  }
  expect_bad_path([&] { files.resolve(std::string("a\0b", 3)); });
  EXPECT_FALSE(fs::exists(dir.path() / "outside"));
}

TEST(FileStore, RejectsSymlinksInsideTheDataDir) {
  TempDir dir;
  FileStore files(dir.path() / "data");
  fs::create_directories(dir.path() / "secret");
  std::ofstream(dir.path() / "secret/key") << "secret";
  fs::create_directory_symlink(dir.path() / "secret", files.data_dir() / "link");
  fs::create_symlink(dir.path() / "secret/key", files.data_dir() / "key");
  expect_bad_path([&] { files.read("link/key"); });
  expect_bad_path([&] { files.write_atomic("link/new", "x"); });
  expect_bad_path([&] { files.read("key"); });
  expect_bad_path([&] { files.remove("key"); });
  EXPECT_FALSE(fs::exists(dir.path() / "secret/new"));
  EXPECT_TRUE(fs::exists(dir.path() / "secret/key"));
  // Listing does not follow symlinks either.
  fs::create_directories(files.data_dir() / "audio");
  fs::create_directory_symlink(dir.path() / "secret", files.data_dir() / "audio/evil");
  fs::create_symlink(dir.path() / "secret/key", files.data_dir() / "audio/key.wav");
  EXPECT_TRUE(files.list_files("audio").empty());
}

TEST(FileStore, DataDirItselfMayBeASymlink) {
  TempDir dir;
  fs::create_directories(dir.path() / "real");
  fs::create_directory_symlink(dir.path() / "real", dir.path() / "alias");
  FileStore files(dir.path() / "alias");
  files.write_atomic("a/b.wav", "x");
  EXPECT_TRUE(fs::exists(dir.path() / "real/a/b.wav"));
}

TEST(FileStore, FailedWriteKeepsTheOldFileAndLeavesNoTemp) {
  TempDir dir;
  for (const char* point : {"file.partial_write", "file.written"}) {
    SCOPED_TRACE(point);
    const std::string failing_point = point;
    FileStore setup(dir.path());
    setup.write_atomic("audio/x.wav", "old contents");
    FileStore failing(dir.path(), {.fault_hook = [&](std::string_view p) {
                        if (p == failing_point) throw std::runtime_error("injected");
                      }});
    EXPECT_THROW(failing.write_atomic("audio/x.wav", std::string(3 << 20, 'n')), std::runtime_error);
    EXPECT_EQ(setup.read("audio/x.wav"), "old contents");
    EXPECT_FALSE(has_temp_file(dir.path()));
  }
}

TEST(FileStore, RemoveTempFilesCleansCrashLeftovers) {
  TempDir dir;
  FileStore files(dir.path());
  files.write_atomic("audio/u/keep.wav", "keep");
  std::ofstream(dir.path() / "audio/u/.tmp-deadbeef") << "partial";
  std::ofstream(dir.path() / ".tmp-top") << "partial";
  EXPECT_EQ(files.remove_temp_files(), 2);
  EXPECT_FALSE(has_temp_file(dir.path()));
  EXPECT_EQ(files.list_files("audio"), std::vector<std::string>{"audio/u/keep.wav"});
}

TEST(FileStore, ListFilesIsRecursiveSortedAndRelative) {
  TempDir dir;
  FileStore files(dir.path());
  files.write_atomic("audio/b/2.wav", "x");
  files.write_atomic("audio/a/1.wav", "x");
  files.write_atomic("other/3.wav", "x");
  EXPECT_EQ(files.list_files("audio"), (std::vector<std::string>{"audio/a/1.wav", "audio/b/2.wav"}));
  EXPECT_TRUE(files.list_files("missing").empty());
}

TEST(Sha256, MatchesKnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace echoes::store
