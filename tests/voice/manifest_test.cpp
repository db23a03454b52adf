#include <fstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "support/temp_dir.h"
#include "voice/manifest.h"

namespace echoes::voice {
namespace {

std::filesystem::path write(const echoes::testing::TempDir& dir, const std::string& text) {
  const auto path = dir.path() / "m.tsv";
  std::ofstream(path) << text;
  return path;
}

std::string code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return "";
}

TEST(Manifest, ParsesLinesResolvesRelativePathsAndSkipsComments) {
  echoes::testing::TempDir dir;
  const auto path = write(dir, "# a comment\n\na.wav\tHello there.\r\n/abs/b.flac\tSecond one\n");
  const auto entries = read_manifest(path);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].audio_path, dir.path() / "a.wav");
  EXPECT_EQ(entries[0].transcript, "Hello there.");
  EXPECT_EQ(entries[1].audio_path, "/abs/b.flac");
}

TEST(Manifest, RejectsMalformedLinesWithClearErrors) {
  echoes::testing::TempDir dir;
  EXPECT_EQ(code_of([&] { read_manifest(write(dir, "a.wav Hello\n")); }), "invalid_argument");
  EXPECT_EQ(code_of([&] { read_manifest(write(dir, "a.wav\t  \n")); }), "invalid_argument");
  EXPECT_EQ(code_of([&] { read_manifest(write(dir, "\n# only comments\n")); }), "invalid_argument");
  EXPECT_EQ(code_of([&] { read_manifest(dir.path() / "missing.tsv"); }), "not_found");
  try {
    read_manifest(write(dir, "ok.wav\tfine\nbad line\n"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find(dir.path().string()), std::string::npos) << "no paths in messages";
  }
}

TEST(Manifest, UnreadableAudioIsKeptWithALoadError) {
  echoes::testing::TempDir dir;
  std::ofstream(dir.path() / "junk.wav") << "not audio at all";
  const auto utts = load_training_utterances({{dir.path() / "junk.wav", "hello"}, {dir.path() / "none.wav", "x"}});
  ASSERT_EQ(utts.size(), 2u);
  EXPECT_EQ(utts[0].id, "junk");
  EXPECT_FALSE(utts[0].load_error.empty());
  EXPECT_FALSE(utts[1].load_error.empty());
}

}  // namespace
}  // namespace echoes::voice
