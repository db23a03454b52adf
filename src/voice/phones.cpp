#include "voice/phones.h"

#include <array>
#include <cctype>
#include <map>
#include <string>

namespace echoes::voice {
namespace {

struct PhoneInfo {
  const char* name;
  PhoneClass cls;
};

// Index = PhoneId. Order: pause, then cmudict's phones alphabetically.
constexpr std::array<PhoneInfo, kPhoneCount> kPhones{{
    {"pau", PhoneClass::pause},     {"aa", PhoneClass::vowel},      {"ae", PhoneClass::vowel},
    {"ah", PhoneClass::vowel},      {"ao", PhoneClass::vowel},      {"aw", PhoneClass::vowel},
    {"ay", PhoneClass::vowel},      {"b", PhoneClass::stop},        {"ch", PhoneClass::affricate},
    {"d", PhoneClass::stop},        {"dh", PhoneClass::fricative},  {"eh", PhoneClass::vowel},
    {"er", PhoneClass::vowel},      {"ey", PhoneClass::vowel},      {"f", PhoneClass::fricative},
    {"g", PhoneClass::stop},        {"hh", PhoneClass::fricative},  {"ih", PhoneClass::vowel},
    {"iy", PhoneClass::vowel},      {"jh", PhoneClass::affricate},  {"k", PhoneClass::stop},
    {"l", PhoneClass::liquid},      {"m", PhoneClass::nasal},       {"n", PhoneClass::nasal},
    {"ng", PhoneClass::nasal},      {"ow", PhoneClass::vowel},      {"oy", PhoneClass::vowel},
    {"p", PhoneClass::stop},        {"r", PhoneClass::liquid},      {"s", PhoneClass::fricative},
    {"sh", PhoneClass::fricative},  {"t", PhoneClass::stop},        {"th", PhoneClass::fricative},
    {"uh", PhoneClass::vowel},      {"uw", PhoneClass::vowel},      {"v", PhoneClass::fricative},
    {"w", PhoneClass::glide},       {"y", PhoneClass::glide},       {"z", PhoneClass::fricative},
    {"zh", PhoneClass::fricative},
}};

const std::map<std::string, PhoneId>& name_index() {
  static const std::map<std::string, PhoneId> index = [] {
    std::map<std::string, PhoneId> m;
    for (int i = 0; i < kPhoneCount; ++i) m[kPhones[i].name] = static_cast<PhoneId>(i);
    m["ax"] = m["ah"];
    m["sil"] = kPause;
    return m;
  }();
  return index;
}

using Table = std::array<std::vector<std::vector<PhoneId>>, kPhoneCount>;

Table make_substitutes() {
  // Written with names for readability; converted once.
  const std::map<std::string, std::vector<std::vector<std::string>>> by_name = {
      {"zh", {{"sh"}, {"z"}, {"jh"}}},
      {"oy", {{"ao", "iy"}, {"ao", "ih"}, {"ow"}}},
      {"aw", {{"aa", "uw"}, {"ae", "uw"}, {"aa"}}},
      {"ay", {{"aa", "iy"}, {"aa", "ih"}, {"ae"}}},
      {"ey", {{"eh", "iy"}, {"eh", "ih"}, {"eh"}}},
      {"ow", {{"ao", "uw"}, {"ah", "uw"}, {"ao"}}},
      {"er", {{"ah", "r"}, {"r"}}},
      {"uh", {{"uw"}, {"ah"}}},
      {"uw", {{"uh"}, {"ow"}}},
      {"aa", {{"ao"}, {"ah"}}},
      {"ao", {{"aa"}, {"ow"}}},
      {"ae", {{"eh"}, {"aa"}}},
      {"eh", {{"ae"}, {"ih"}}},
      {"ih", {{"iy"}, {"eh"}}},
      {"iy", {{"ih"}, {"ey"}}},
      {"ah", {{"aa"}, {"eh"}}},
      {"th", {{"f"}, {"s"}, {"t"}}},
      {"dh", {{"d"}, {"v"}, {"th"}}},
      {"ng", {{"n"}, {"m"}}},
      {"ch", {{"t", "sh"}, {"sh"}, {"t"}}},
      {"jh", {{"d", "zh"}, {"d", "sh"}, {"ch"}, {"d"}}},
      {"hh", {{"f"}}},
      {"v", {{"f"}, {"dh"}}},
      {"f", {{"th"}, {"v"}}},
      {"z", {{"s"}}},
      {"s", {{"z"}, {"sh"}}},
      {"sh", {{"s"}, {"zh"}}},
      {"b", {{"p"}, {"d"}}},
      {"p", {{"b"}, {"t"}}},
      {"d", {{"t"}, {"b"}}},
      {"t", {{"d"}, {"k"}}},
      {"g", {{"k"}, {"d"}}},
      {"k", {{"g"}, {"t"}}},
      {"m", {{"n"}}},
      {"n", {{"m"}, {"ng"}}},
      {"l", {{"r"}, {"w"}}},
      {"r", {{"er"}, {"l"}}},
      {"w", {{"uw"}, {"l"}}},
      {"y", {{"iy"}, {"ih"}}},
  };
  Table table;
  for (const auto& [name, alternatives] : by_name) {
    auto& out = table[phone_id(name)];
    for (const auto& seq : alternatives) {
      std::vector<PhoneId> ids;
      for (const auto& p : seq) ids.push_back(phone_id(p));
      out.push_back(std::move(ids));
    }
  }
  return table;
}

}  // namespace

PhoneId phone_id(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto& index = name_index();
  const auto it = index.find(lower);
  return it == index.end() ? kUnknownPhone : it->second;
}

std::string_view phone_name(PhoneId id) { return id < kPhoneCount ? kPhones[id].name : "?"; }

PhoneClass phone_class(PhoneId id) { return id < kPhoneCount ? kPhones[id].cls : PhoneClass::pause; }

bool is_sonorant(PhoneId id) {
  const PhoneClass c = phone_class(id);
  return c == PhoneClass::vowel || c == PhoneClass::nasal || c == PhoneClass::liquid || c == PhoneClass::glide;
}

bool is_voiced_phone(PhoneId id) {
  if (is_sonorant(id)) return true;
  const std::string_view n = phone_name(id);
  return n == "b" || n == "d" || n == "g" || n == "dh" || n == "v" || n == "z" || n == "zh" || n == "jh";
}

const std::vector<std::vector<PhoneId>>& phone_substitutes(PhoneId id) {
  static const Table table = make_substitutes();
  static const std::vector<std::vector<PhoneId>> none;
  return id < kPhoneCount ? table[id] : none;
}

}  // namespace echoes::voice
