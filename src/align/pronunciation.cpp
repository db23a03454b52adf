#include "align/pronunciation.h"

#include <cctype>

#include "text/flite_front_end.h"
#include "text/phone.h"

namespace echoes::align {

std::string arpabet_from_flite(std::string_view flite_phone) {
  if (flite_phone == text::kPausePhone) return {};
  if (flite_phone == "ax") return "AH";
  std::string out;
  for (char c : flite_phone) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

std::vector<std::string> letter_to_sound(std::string_view word) {
  // One front end for the process: it loads a flite voice once and is thread-safe.
  static const text::FliteFrontEnd front_end;
  const text::Utterance utterance = front_end.analyze(word);
  std::vector<std::string> phones;
  for (const text::Phone& phone : utterance.phones) {
    std::string name = arpabet_from_flite(phone.name);
    if (!name.empty()) phones.push_back(std::move(name));
  }
  return phones;
}

}  // namespace echoes::align
