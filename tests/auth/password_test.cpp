#include "auth/password.h"

#include <gtest/gtest.h>

namespace echoes::auth {
namespace {

TEST(Password, HashesWithArgon2idAndVerifies) {
  const std::string hash = hash_password("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password("correct horse battery", hash));
  EXPECT_FALSE(verify_password("correct horse batterY", hash));
  EXPECT_FALSE(verify_password("", hash));
}

TEST(Password, SaltsEveryHash) {
  EXPECT_NE(hash_password("same password"), hash_password("same password"));
}

TEST(Password, MalformedHashNeverVerifies) {
  EXPECT_FALSE(verify_password("x", ""));
  EXPECT_FALSE(verify_password("x", "not a hash"));
  EXPECT_FALSE(verify_password("x", std::string(500, '$')));
}

TEST(Password, HandlesBinaryAndUnicodePasswords) {
  const std::string weird("p\0ss w\xc3\xb6rd", 11);
  const std::string hash = hash_password(weird);
  EXPECT_TRUE(verify_password(weird, hash));
  EXPECT_FALSE(verify_password(std::string("p"), hash));  // the NUL does not truncate
}

TEST(Password, NeedsRehashWhenCostChanges) {
  const std::string interactive = hash_password("a password");
  EXPECT_FALSE(password_needs_rehash(interactive));
  EXPECT_TRUE(password_needs_rehash(interactive, {.cost = PasswordCost::kModerate}));
  EXPECT_TRUE(password_needs_rehash("garbage"));
}

}  // namespace
}  // namespace echoes::auth
