#include <algorithm>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "common/error.h"
#include "text/flite_front_end.h"
#include "text/phone_set.h"

namespace echoes::text {
namespace {

std::vector<std::string> phone_names(const Utterance& u) {
  std::vector<std::string> names;
  for (const auto& p : u.phones) names.push_back(p.name);
  return names;
}

std::string joined_words(const Utterance& u) {
  std::string s;
  for (const auto& w : u.words) s += (s.empty() ? "" : " ") + w;
  return s;
}

TEST(FliteFrontEnd, NormalizesTitlesMoneyAndDates) {
  const Utterance u = FliteFrontEnd().analyze("Dr. Smith paid $42.50 on 3/4/2021.");
  EXPECT_EQ(joined_words(u),
            "doctor smith paid forty two dollars fifty cents on march fourth twenty twenty one");
}

TEST(FliteFrontEnd, GivesPhonesWithStressAndSyllables) {
  const Utterance u = FliteFrontEnd().analyze("Hello world.");
  EXPECT_EQ(phone_names(u),
            (std::vector<std::string>{"pau", "hh", "ax", "l", "ow", "w", "er", "l", "d", "pau"}));
  ASSERT_EQ(u.words, (std::vector<std::string>{"hello", "world"}));
  EXPECT_EQ(u.syllable_count, 3);
  // hel-LO: first syllable unstressed, second stressed; "world" stressed.
  EXPECT_EQ(u.phones[1].stress, 0);
  EXPECT_EQ(u.phones[3].stress, 1);
  EXPECT_TRUE(u.phones[3].syllable_start);
  EXPECT_FALSE(u.phones[4].syllable_start);
  EXPECT_EQ(u.phones[3].syllable_index, 1);
  EXPECT_EQ(u.phones[5].word, "world");
  EXPECT_EQ(u.phones[5].word_index, 1);
  EXPECT_EQ(u.phones[0].stress, -1);
  EXPECT_EQ(u.phones[0].word_index, -1);
  for (const auto& p : u.phones) EXPECT_GT(p.flite_duration_s, 0.0) << p.name;
}

TEST(FliteFrontEnd, PhonesBelongToTheInventory) {
  const Utterance u = FliteFrontEnd().analyze("The measure of joy: a good book, a huge pleasure!");
  for (const auto& p : u.phones) {
    EXPECT_TRUE(p.name == kPausePhone || is_english_phone(p.name)) << p.name;
  }
}

TEST(FliteFrontEnd, CommasStartNewPhrases) {
  const Utterance u = FliteFrontEnd().analyze("Well, if you ask me, yes.");
  EXPECT_GE(u.phrase_count, 3);
  EXPECT_EQ(u.phones.front().phrase_index, 0);
  EXPECT_EQ(u.phones.back().phrase_index, u.phrase_count - 1);
}

TEST(FliteFrontEnd, EmptyAndUnspeakableTextGiveEmptyUtterances) {
  const FliteFrontEnd fe;
  for (const std::string s : {"", "   ", "\n\t", "\xF0\x9F\x98\x80\xF0\x9F\x8E\x89", "!!! ???"}) {
    const Utterance u = fe.analyze(s);
    EXPECT_TRUE(u.phones.empty()) << s;
    EXPECT_TRUE(u.words.empty()) << s;
  }
}

TEST(FliteFrontEnd, AccentedLettersAreFolded) {
  EXPECT_EQ(joined_words(FliteFrontEnd().analyze("caf\xC3\xA9 na\xC3\xAFve")), "cafe naive");
}

TEST(FliteFrontEnd, RefusesOverlongText) {
  FliteOptions options;
  options.max_text_bytes = 100;
  try {
    FliteFrontEnd(options).analyze(std::string(101, 'a'));
    FAIL() << "expected too_long";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kTooLong);
  }
}

TEST(FliteFrontEnd, HostileInputNeverCrashes) {
  const FliteFrontEnd fe;
  std::mt19937 rng(1234);
  std::uniform_int_distribution<int> byte(0, 255), len(0, 400);
  for (int i = 0; i < 100; ++i) {
    std::string s(len(rng), '\0');
    for (char& c : s) c = static_cast<char>(byte(rng));
    const Utterance u = fe.analyze(s);
    for (const auto& p : u.phones) {
      EXPECT_TRUE(p.name == kPausePhone || is_english_phone(p.name)) << p.name;
    }
  }
  // A 5,000-letter word is split into spellable pieces.
  const Utterance long_word = fe.analyze(std::string(5000, 'x'));
  EXPECT_FALSE(long_word.phones.empty());
  const Utterance long_mixed = fe.analyze(std::string(2500, 'a') + std::string(2500, 'q') + "1234567890");
  EXPECT_FALSE(long_mixed.phones.empty());
  // Control characters, truncated UTF-8, lone continuation bytes.
  EXPECT_EQ(joined_words(fe.analyze("a\x01\x02" "b\x7F\xC3")), "a b");
  EXPECT_EQ(joined_words(fe.analyze("\x80\xBFhello\xE2\x82")), "hello");
  // Very long numbers and symbol soup.
  fe.analyze(std::string(3000, '9'));
  fe.analyze(std::string(3000, '$') + std::string(3000, '%'));
}

}  // namespace
}  // namespace echoes::text
