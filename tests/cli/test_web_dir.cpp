// Where `echoes serve` looks for its web app (cli/web_dir.h).
#include <fstream>

#include <gtest/gtest.h>

#include "cli/web_dir.h"
#include "support/temp_dir.h"

namespace echoes::cli {
namespace {

TEST(WebDir, AnInstalledProgramUsesItsShareFolder) {
  testing::TempDir prefix;
  std::filesystem::create_directories(prefix.path() / "bin");
  std::filesystem::create_directories(prefix.path() / "share/echoes/web");
  std::ofstream(prefix.path() / "share/echoes/web/index.html") << "<html></html>";
  const auto found = find_web_dir(prefix.path() / "bin" / "echoes");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, (prefix.path() / "share/echoes/web").lexically_normal());
}

TEST(WebDir, AProgramOutsideAnInstallFallsBackToTheCheckout) {
  testing::TempDir prefix;  // no share/echoes/web here
  const auto found = find_web_dir(prefix.path() / "bin" / "echoes");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->filename(), "web");
  EXPECT_TRUE(std::filesystem::is_regular_file(*found / "index.html"));
}

TEST(WebDir, TheRunningProgramIsKnown) {
  EXPECT_TRUE(std::filesystem::exists(running_program_path()));
}

}  // namespace
}  // namespace echoes::cli
