// Keyed patterns, voice tags and the payload word.
#include <set>

#include <gtest/gtest.h>

#include "common/error.h"
#include "watermark/pattern.h"

namespace echoes::watermark {
namespace {

TEST(WatermarkPattern, VoiceTagIsDeterministicAnd24Bit) {
  const std::uint32_t tag = voice_tag("0123456789abcdef0123456789abcdef");
  EXPECT_EQ(tag, voice_tag("0123456789abcdef0123456789abcdef"));
  EXPECT_LE(tag, kMaxTag);
  EXPECT_NE(tag, voice_tag("0123456789abcdef0123456789abcdee"));
  // SHA-256("abc") starts ba 78 16.
  EXPECT_EQ(voice_tag("abc"), 0xBA7816u);
}

TEST(WatermarkPattern, PayloadWordRoundTripsAndCatchesErrors) {
  for (std::uint32_t tag : {0u, 1u, 0xABCDEFu, kMaxTag}) {
    std::uint32_t parsed = 12345;
    ASSERT_TRUE(parse_payload_word(payload_word(tag), parsed));
    EXPECT_EQ(parsed, tag);
    for (int bit = 0; bit < 32; ++bit) {  // CRC-8 catches every single-bit error
      EXPECT_FALSE(parse_payload_word(payload_word(tag) ^ (1u << bit), parsed)) << bit;
    }
  }
  EXPECT_THROW(payload_word(kMaxTag + 1), Error);
}

TEST(WatermarkPattern, KeyDeterminesPattern) {
  const KeyedPattern a = make_pattern("key one");
  const KeyedPattern b = make_pattern("key one");
  const KeyedPattern c = make_pattern("key two");
  EXPECT_EQ(a.symbol, b.symbol);
  EXPECT_EQ(a.chips, b.chips);
  EXPECT_NE(a.chips, c.chips);
  int sync = 0;
  std::set<int> symbols;
  for (auto s : a.symbol) {
    if (s < 0) ++sync; else symbols.insert(s);
  }
  EXPECT_EQ(sync, layout::kSyncCells);
  EXPECT_EQ(static_cast<int>(symbols.size()), layout::kPayloadSymbols);
  for (auto chip : a.chips) EXPECT_NEAR(std::abs(chip), 1.0f, 1e-5f);
  EXPECT_THROW(make_pattern(""), Error);
}

TEST(WatermarkPattern, SymbolSignPatternsAreNearlyOrthogonal) {
  const KeyedPattern p = make_pattern("k");
  // Two values of one symbol agree on about half of 1,000 bins.
  int agree = 0;
  for (std::size_t bin = 0; bin < 1000; ++bin) {
    agree += symbol_sign(p, 0, 3, static_cast<int>(bin % 16), bin) == symbol_sign(p, 0, 4, static_cast<int>(bin % 16), bin);
  }
  EXPECT_NEAR(agree, 500, 70);
}

}  // namespace
}  // namespace echoes::watermark
