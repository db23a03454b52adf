#pragma once
// The phone inventory of voice units: pocketsphinx's 39 ARPAbet phones plus the pause,
// as small integer ids, with broad phonetic classes and a back-off table for phones a
// voice's recordings lack.
//
// Why ARPAbet without "ax": units come from pocketsphinx alignments, which use cmudict's
// phones; flite's unstressed "ax" is the same sound as "ah" and maps to it.
#include <cstdint>
#include <string_view>
#include <vector>

namespace echoes::voice {

using PhoneId = std::uint8_t;

/// Id of the pause (flite "pau", pocketsphinx "SIL").
inline constexpr PhoneId kPause = 0;
/// Number of phone ids: the pause plus 39 speech phones (ids 1..39).
inline constexpr int kPhoneCount = 40;
/// Returned by phone_id for names outside the inventory.
inline constexpr PhoneId kUnknownPhone = 255;

/// Broad manner classes; context mismatches within a class cost less.
enum class PhoneClass : std::uint8_t { pause, vowel, stop, affricate, fricative, nasal, liquid, glide };
inline constexpr int kPhoneClassCount = 8;

/// Id of a phone name: flite's lowercase names ("ax" -> "ah", "pau") and pocketsphinx's
/// uppercase ARPAbet ("AH", "SIL") are both accepted. kUnknownPhone for anything else.
PhoneId phone_id(std::string_view name);

/// Lowercase ARPAbet name of an id ("pau" for kPause, "?" for an invalid id).
std::string_view phone_name(PhoneId id);

/// Manner class of an id (pause for invalid ids).
PhoneClass phone_class(PhoneId id);

/// True for phones whose sound is voiced: vowels, nasals, liquids, glides and the voiced
/// stops, fricatives and affricate (b d g dh v z zh jh). False for the pause.
bool is_voiced_phone(PhoneId id);

/// True for vowels, nasals, liquids and glides: phones voiced from edge to edge.
bool is_sonorant(PhoneId id);

/// True for vowels (the phones that carry lexical stress).
inline bool is_vowel_id(PhoneId id) { return phone_class(id) == PhoneClass::vowel; }

/// Replacement sequences for a phone, best first (e.g. "zh" -> {sh}, {z}, {jh};
/// "oy" -> {ao, iy}, ...). Used when a voice has no unit of the phone. May be empty.
const std::vector<std::vector<PhoneId>>& phone_substitutes(PhoneId id);

}  // namespace echoes::voice
