#include "store/s3_request.h"

#include <gtest/gtest.h>

namespace echoes::store {
namespace {

TEST(S3UriEncode, KeepsUnreservedAndEncodesTheRestAsSigV4Wants) {
  EXPECT_EQ(s3_uri_encode("Az09-_.~", false), "Az09-_.~");
  EXPECT_EQ(s3_uri_encode("a b+c=d&e/f", false), "a%20b%2Bc%3Dd%26e%2Ff");
  EXPECT_EQ(s3_uri_encode("audio/u1/take 1.wav", true), "audio/u1/take%201.wav");
  EXPECT_EQ(s3_uri_encode("\xC3\xA9", true), "%C3%A9");  // UTF-8 bytes, upper-case hex
}

}  // namespace
}  // namespace echoes::store
