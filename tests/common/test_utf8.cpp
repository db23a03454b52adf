#include <gtest/gtest.h>

#include "common/utf8.h"

namespace echoes {
namespace {

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(utf8_char_count(""), 0u);
  EXPECT_EQ(utf8_char_count("abc"), 3u);
  EXPECT_EQ(utf8_char_count("\xE4\xBD\xA0\xE5\xA5\xBD"), 2u);      // 你好
  EXPECT_EQ(utf8_char_count("caf\xC3\xA9 \xF0\x9F\x98\x80"), 6u);  // café 😀
}

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ASCII"));
  EXPECT_TRUE(is_valid_utf8("\xE4\xBD\xA0\xE5\xA5\xBD caf\xC3\xA9 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));
}

TEST(Utf8, RefusesMalformedText) {
  EXPECT_FALSE(is_valid_utf8("\xFF"));                 // never valid
  EXPECT_FALSE(is_valid_utf8("abc\x80"));              // stray continuation byte
  EXPECT_FALSE(is_valid_utf8("\xC3"));                 // cut short
  EXPECT_FALSE(is_valid_utf8("\xC3(\xA9"));            // lead without continuation
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));             // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));         // overlong 3-byte
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));         // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));     // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8(std::string_view("a\0\xFE", 3)));
}

}  // namespace
}  // namespace echoes
