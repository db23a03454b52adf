#include "store/object_store_url.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace echoes::store {
namespace {

using Kind = ObjectStoreLocation::Kind;

TEST(ObjectStoreUrl, ParsesFileUrls) {
  const ObjectStoreLocation location = parse_object_store_url("file:///srv/echoes/objects");
  EXPECT_EQ(location.kind, Kind::kFile);
  EXPECT_EQ(location.directory, "/srv/echoes/objects");
}

TEST(ObjectStoreUrl, ParsesS3UrlsWithAndWithoutPrefix) {
  ObjectStoreLocation location = parse_object_store_url("s3://echoes-audio");
  EXPECT_EQ(location.kind, Kind::kS3);
  EXPECT_EQ(location.bucket, "echoes-audio");
  EXPECT_EQ(location.prefix, "");
  location = parse_object_store_url("s3://echoes-audio/prod/eu/");
  EXPECT_EQ(location.bucket, "echoes-audio");
  EXPECT_EQ(location.prefix, "prod/eu");
}

TEST(ObjectStoreUrl, RejectsWhatItCannotUse) {
  for (const char* url : {"", "/srv/data", "http://host/x", "file://host/dir", "file://relative", "s3://",
                          "s3:///prefix", "s3://bucket/../x", "s3://bucket/a//b"}) {
    SCOPED_TRACE(url);
    try {
      parse_object_store_url(url);
      ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), error_code::kInvalidArgument);
      EXPECT_NE(std::string(e.what()).find("object store URL"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace echoes::store
