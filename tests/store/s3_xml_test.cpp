#include "store/s3_xml.h"

#include <gtest/gtest.h>

namespace echoes::store {
namespace {

TEST(S3Xml, ReadsEveryElementInOrder) {
  const std::string xml =
      "<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>a/1</Key></Contents>"
      "<Contents><Key>a/2</Key></Contents><NextContinuationToken>t+/=</NextContinuationToken></ListBucketResult>";
  EXPECT_EQ(xml_element_texts(xml, "Key"), (std::vector<std::string>{"a/1", "a/2"}));
  EXPECT_EQ(xml_element_text(xml, "IsTruncated"), "true");
  EXPECT_EQ(xml_element_text(xml, "NextContinuationToken"), "t+/=");
  EXPECT_EQ(xml_element_text(xml, "Missing"), "");
}

TEST(S3Xml, UnescapesEntities) {
  EXPECT_EQ(xml_unescape("a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos;"), "a&b <c> \"d\" 'e'");
  EXPECT_EQ(xml_unescape("&#233;&#xE9;"), "\xC3\xA9\xC3\xA9");
  EXPECT_EQ(xml_unescape("&bogus; & alone"), "&bogus; & alone");
}

}  // namespace
}  // namespace echoes::store
