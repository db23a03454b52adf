#include "auth/email.h"

#include <gtest/gtest.h>

namespace echoes::auth {
namespace {

TEST(Email, NormalizesWhitespaceAndCase) {
  EXPECT_EQ(normalize_email("  Ann.Lee@Example.COM \n"), "ann.lee@example.com");
}

TEST(Email, AcceptsOrdinaryAddresses) {
  for (const char* ok : {"a@b.co", "ann.lee+echoes@mail.example.org", "x_y-z@sub-domain.example.com",
                         "j\xc3\xb6rg@example.de"}) {
    EXPECT_TRUE(is_valid_email(ok)) << ok;
  }
}

TEST(Email, RejectsMalformedAddresses) {
  for (const char* bad : {"", "plain", "@example.com", "a@", "a@b", "a@@b.com", "a@b@c.com", "a b@c.com",
                          "a@b .com", "a@-b.com", "a@b-.com", "a@.b.com", "a@b..com", "a@b.com.", ".a@b.com",
                          "a.@b.com", "a..b@c.com", "a@b_c.com", "\"q\"@b.com", "a@[1.2.3.4]"}) {
    EXPECT_FALSE(is_valid_email(bad)) << bad;
  }
  EXPECT_FALSE(is_valid_email(std::string(65, 'a') + "@b.com"));
  EXPECT_FALSE(is_valid_email("a@" + std::string(250, 'b') + ".com"));
}

}  // namespace
}  // namespace echoes::auth
