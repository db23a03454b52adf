#pragma once
// The US English phone inventory of flite's CMU lexicon and its diphone inventory.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace echoes::text {

/// The 40 speech phones of flite's US English lexicon, sorted: cmudict's 39 phones plus
/// "ax" (flite writes unstressed "ah" as "ax"). The pause phone is not included.
const std::vector<std::string>& english_phones();

/// True for a name in english_phones().
bool is_english_phone(std::string_view name);

/// True for vowels (including "er" and "ax").
bool is_vowel(std::string_view name);

/// Key of the diphone a->b, e.g. "pau-dh", "dh-ax".
std::string diphone_key(std::string_view a, std::string_view b);

/// The theoretical diphone inventory of continuous speech: every ordered pair of speech
/// phones (within and across words), plus pau->phone and phone->pau; pau->pau excluded.
/// 40*40 + 2*40 = 1,680 keys, sorted.
const std::vector<std::string>& english_diphone_inventory();

}  // namespace echoes::text
