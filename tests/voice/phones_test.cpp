#include <gtest/gtest.h>

#include "voice/phones.h"

namespace echoes::voice {
namespace {

TEST(Phones, NamesFromBothFrontEndsMapToOneId) {
  EXPECT_EQ(phone_id("ax"), phone_id("ah"));
  EXPECT_EQ(phone_id("AH"), phone_id("ah"));
  EXPECT_EQ(phone_id("SIL"), kPause);
  EXPECT_EQ(phone_id("pau"), kPause);
  EXPECT_EQ(phone_id("zz"), kUnknownPhone);
  EXPECT_EQ(phone_id(""), kUnknownPhone);
  EXPECT_EQ(phone_name(phone_id("ZH")), "zh");
}

TEST(Phones, InventoryHasThirtyNineSpeechPhonesWithClasses) {
  int vowels = 0;
  for (int p = 1; p < kPhoneCount; ++p) {
    EXPECT_NE(phone_class(PhoneId(p)), PhoneClass::pause) << phone_name(PhoneId(p));
    EXPECT_EQ(phone_id(phone_name(PhoneId(p))), p);
    vowels += is_vowel_id(PhoneId(p));
  }
  EXPECT_EQ(vowels, 15);
  EXPECT_EQ(phone_class(phone_id("t")), PhoneClass::stop);
}

TEST(Phones, EverySpeechPhoneHasSubstitutesMadeOfValidPhones) {
  for (int p = 1; p < kPhoneCount; ++p) {
    const auto& subs = phone_substitutes(PhoneId(p));
    EXPECT_FALSE(subs.empty()) << phone_name(PhoneId(p));
    for (const auto& seq : subs) {
      ASSERT_FALSE(seq.empty());
      for (PhoneId s : seq) {
        EXPECT_GT(s, kPause);
        EXPECT_LT(s, kPhoneCount);
        EXPECT_NE(s, p);
      }
    }
  }
  EXPECT_EQ(phone_substitutes(phone_id("zh")).front(), std::vector<PhoneId>{phone_id("sh")});
}

TEST(Phones, VoicingFollowsTheSoundNotTheClass) {
  for (const char* voiced : {"aa", "m", "l", "w", "b", "d", "g", "dh", "v", "z", "zh", "jh"}) {
    EXPECT_TRUE(is_voiced_phone(phone_id(voiced))) << voiced;
  }
  for (const char* voiceless : {"pau", "p", "t", "k", "f", "th", "s", "sh", "hh", "ch"}) {
    EXPECT_FALSE(is_voiced_phone(phone_id(voiceless))) << voiceless;
  }
}

}  // namespace
}  // namespace echoes::voice
