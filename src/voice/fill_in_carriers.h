#pragma once
// Carrier texts for the parametric fill-in (fill_in.h): for every speech phone a few short
// phrases that contain it next to different neighbours (word-initial, medial, final;
// before and after vowels and consonants), so the fill-in units give unit selection a
// choice of contexts.
#include <string>
#include <vector>

#include "voice/phones.h"

namespace echoes::voice {

/// Phrases containing `phone` (empty for the pause or an invalid id).
const std::vector<std::string>& carrier_texts(PhoneId phone);

}  // namespace echoes::voice
