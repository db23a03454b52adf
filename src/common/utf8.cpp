#include "common/utf8.h"

namespace echoes {
namespace {

bool continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length of the sequence a lead byte starts, 0 for a byte that cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;  // continuation bytes, overlong 2-byte leads (C0, C1), F5..FF
}

// The second byte's range rules out overlong forms, surrogates and values over U+10FFFF.
bool second_byte_allowed(unsigned char lead, unsigned char second) {
  if (lead == 0xE0) return second >= 0xA0;
  if (lead == 0xED) return second <= 0x9F;
  if (lead == 0xF0) return second >= 0x90;
  if (lead == 0xF4) return second <= 0x8F;
  return true;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = sequence_length(lead);
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if (!continuation(static_cast<unsigned char>(text[i + k]))) return false;
    }
    if (length > 1 && !second_byte_allowed(lead, static_cast<unsigned char>(text[i + 1]))) return false;
    i += length;
  }
  return true;
}

std::size_t utf8_char_count(std::string_view text) {
  std::size_t count = 0;
  for (char byte : text) count += !continuation(static_cast<unsigned char>(byte));
  return count;
}

}  // namespace echoes
