// The server finds its own web app when no --web-dir is given (run from the build tree it
// serves the checkout's web/), and --web-dir still overrides it.
#include <fstream>

#include "api_fixture.h"

namespace echoes::testing {
namespace {

using WebAppApi = ApiTest;

TEST_F(WebAppApi, ServesItsOwnWebAppWithoutAFlag) {
  const auto page = http_->Get("/");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<html"), std::string::npos);
  const auto script = http_->Get("/js/app.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
}

TEST_F(WebAppApi, TheWebDirFlagOverridesTheBuiltInOne) {
  const auto other = config_dir_.path() / "other-web";
  std::filesystem::create_directories(other);
  std::ofstream(other / "index.html") << "<html><body>another app</body></html>";
  restart({"--web-dir", other.string()});
  const auto page = http_->Get("/");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("another app"), std::string::npos);
}

}  // namespace
}  // namespace echoes::testing
