#include "text/phone_set.h"

#include <algorithm>

#include "text/phone.h"

namespace echoes::text {

const std::vector<std::string>& english_phones() {
  static const std::vector<std::string> phones = {
      "aa", "ae", "ah", "ao", "aw", "ax", "ay", "b",  "ch", "d",  "dh", "eh", "er", "ey",
      "f",  "g",  "hh", "ih", "iy", "jh", "k",  "l",  "m",  "n",  "ng", "ow", "oy", "p",
      "r",  "s",  "sh", "t",  "th", "uh", "uw", "v",  "w",  "y",  "z",  "zh"};
  return phones;
}

bool is_english_phone(std::string_view name) {
  const auto& phones = english_phones();
  return std::binary_search(phones.begin(), phones.end(), name);
}

bool is_vowel(std::string_view name) {
  static const std::vector<std::string_view> vowels = {
      "aa", "ae", "ah", "ao", "aw", "ax", "ay", "eh", "er", "ey", "ih", "iy", "ow", "oy", "uh", "uw"};
  return std::find(vowels.begin(), vowels.end(), name) != vowels.end();
}

std::string diphone_key(std::string_view a, std::string_view b) {
  std::string key;
  key.reserve(a.size() + b.size() + 1);
  key.append(a).append("-").append(b);
  return key;
}

const std::vector<std::string>& english_diphone_inventory() {
  static const std::vector<std::string> inventory = [] {
    std::vector<std::string> keys;
    for (const auto& a : english_phones()) {
      for (const auto& b : english_phones()) keys.push_back(diphone_key(a, b));
      keys.push_back(diphone_key(a, kPausePhone));
      keys.push_back(diphone_key(kPausePhone, a));
    }
    std::sort(keys.begin(), keys.end());
    return keys;
  }();
  return inventory;
}

}  // namespace echoes::text
