#include "text/dates.h"

#include <array>
#include <cctype>

namespace echoes::text {
namespace {

constexpr std::array<const char*, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

constexpr std::array<const char*, 31> kOrdinals = {
    "first",        "second",        "third",          "fourth",        "fifth",
    "sixth",        "seventh",       "eighth",         "ninth",         "tenth",
    "eleventh",     "twelfth",       "thirteenth",     "fourteenth",    "fifteenth",
    "sixteenth",    "seventeenth",   "eighteenth",     "nineteenth",    "twentieth",
    "twenty first", "twenty second", "twenty third",   "twenty fourth", "twenty fifth",
    "twenty sixth", "twenty seventh", "twenty eighth", "twenty ninth",  "thirtieth",
    "thirty first"};

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Reads 1..max_len digits at pos; returns the count read (0 if none or too many).
std::size_t read_number(std::string_view s, std::size_t pos, std::size_t max_len, int& value) {
  std::size_t n = 0;
  value = 0;
  while (pos + n < s.size() && is_digit(s[pos + n])) {
    if (++n > max_len) return 0;
    value = value * 10 + (s[pos + n - 1] - '0');
  }
  return n;
}

// Tries to parse a date starting at pos; on success returns its length and the spoken form.
std::size_t match_date(std::string_view s, std::size_t pos, std::string& spoken) {
  int month = 0, day = 0, year = 0;
  std::size_t n1 = read_number(s, pos, 2, month);
  if (n1 == 0 || pos + n1 >= s.size()) return 0;
  const char sep = s[pos + n1];
  if (sep != '/' && sep != '-') return 0;
  std::size_t p = pos + n1 + 1;
  std::size_t n2 = read_number(s, p, 2, day);
  if (n2 == 0 || p + n2 >= s.size() || s[p + n2] != sep) return 0;
  p += n2 + 1;
  std::size_t n3 = read_number(s, p, 4, year);
  if (n3 != 4) return 0;
  p += n3;
  if (p < s.size() && (is_digit(s[p]) || s[p] == sep)) return 0;
  if (month < 1 || month > 12 || day < 1 || day > 31) return 0;
  spoken = std::string(kMonths[month - 1]) + " " + kOrdinals[day - 1] + ", " +
           std::string(s.substr(p - 4, 4));
  return p - pos;
}

}  // namespace

std::string expand_numeric_dates(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const bool at_token_start = pos == 0 || !(is_digit(text[pos - 1]) || text[pos - 1] == '/');
    std::string spoken;
    std::size_t len = 0;
    if (at_token_start && is_digit(text[pos])) len = match_date(text, pos, spoken);
    if (len > 0) {
      out += spoken;
      pos += len;
    } else {
      out.push_back(text[pos++]);
    }
  }
  return out;
}

}  // namespace echoes::text
