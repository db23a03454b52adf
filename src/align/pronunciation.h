#pragma once
// Pronunciations for words the pocketsphinx dictionary does not have.
#include <string>
#include <string_view>
#include <vector>

namespace echoes::align {

/// Pocketsphinx (en-us) name of a flite phone: uppercase, "ax" -> "AH", stress dropped.
/// Returns an empty string for flite's pause "pau".
std::string arpabet_from_flite(std::string_view flite_phone);

/// Phones (pocketsphinx ARPAbet, e.g. {"HH","AH","L","OW"}) for one normalized word,
/// from flite's letter-to-sound rules; digits are read as numbers ("42" -> forty two).
/// Returns an empty vector when flite finds nothing speakable.
/// Thread-safe (the flite front end serializes its calls).
std::vector<std::string> letter_to_sound(std::string_view word);

}  // namespace echoes::align
