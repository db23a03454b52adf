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

std::optional<char32_t> next_code_point(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const std::size_t length = sequence_length(lead);
  const auto malformed = [&pos] { ++pos; return std::optional<char32_t>(); };
  if (length == 0 || pos + length > text.size()) return malformed();
  if (length > 1 && !second_byte_allowed(lead, static_cast<unsigned char>(text[pos + 1]))) return malformed();
  static constexpr unsigned char kLeadBits[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t code_point = lead & kLeadBits[length];
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[pos + k]);
    if (!continuation(byte)) return malformed();
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  pos += length;
  return code_point;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    if (!next_code_point(text, pos)) return false;
  }
  return true;
}

std::size_t utf8_char_count(std::string_view text) {
  std::size_t count = 0;
  for (char byte : text) count += !continuation(static_cast<unsigned char>(byte));
  return count;
}

}  // namespace echoes
