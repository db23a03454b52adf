#include "studio/consent_text.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <utility>

#include "align/transcript.h"

namespace echoes::studio {
namespace {

constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 20> kOnes = {"zero",    "one",     "two",       "three",    "four",
                                               "five",    "six",     "seven",     "eight",    "nine",
                                               "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                               "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<const char*, 10> kTens = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                               "eighty", "ninety"};
constexpr std::array<const char*, 20> kOrdinalOnes = {
    "zeroth",    "first",      "second",      "third",      "fourth",      "fifth",     "sixth",
    "seventh",   "eighth",     "ninth",       "tenth",      "eleventh",    "twelfth",   "thirteenth",
    "fourteenth", "fifteenth", "sixteenth",   "seventeenth", "eighteenth", "nineteenth"};
constexpr std::array<const char*, 4> kOrdinalTens = {"", "", "twentieth", "thirtieth"};

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// 0..99 in words: "seven", "forty-two".
std::string two_digits(int n) {
  if (n < 20) return kOnes[n];
  return std::string(kTens[n / 10]) + (n % 10 ? std::string("-") + kOnes[n % 10] : "");
}

// 1..31 as an ordinal: "first", "twenty-fifth", "thirtieth".
std::string ordinal_day(int day) {
  if (day < 20) return kOrdinalOnes[day];
  if (day % 10 == 0) return kOrdinalTens[day / 10];
  return std::string(kTens[day / 10]) + "-" + kOrdinalOnes[day % 10];
}

// Years as people read them: 1999 "nineteen ninety-nine", 2005 "two thousand five",
// 2026 "twenty twenty-six", 2100 "twenty-one hundred", 2107 "twenty-one oh seven".
std::string spoken_year(int year) {
  const int high = year / 100;
  const int low = year % 100;
  if (high % 10 == 0 && low < 10) {
    const std::string thousands = two_digits(high / 10) + " thousand";
    return low == 0 ? thousands : thousands + " " + kOnes[low];
  }
  if (low == 0) return two_digits(high) + " hundred";
  return two_digits(high) + " " + (low < 10 ? std::string("oh ") + kOnes[low] : two_digits(low));
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

CalendarDate utc_date(double unix_s) {
  const std::time_t seconds = static_cast<std::time_t>(unix_s);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return {parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday};
}

std::string iso_date(const CalendarDate& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

std::optional<CalendarDate> parse_iso_date(const std::string& text) {
  CalendarDate date;
  int used = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &date.year, &date.month, &date.day, &used) != 3 ||
      used != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  if (date.year < 1900 || date.year > 9999 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > days_in_month(date.year, date.month)) {
    return std::nullopt;
  }
  return date;
}

std::string display_date(const CalendarDate& date) {
  return std::string(kMonths[date.month - 1]) + " " + std::to_string(date.day) + ", " + std::to_string(date.year);
}

std::string spoken_date(const CalendarDate& date) {
  return std::string(kMonths[date.month - 1]) + " " + ordinal_day(date.day) + ", " + spoken_year(date.year);
}

ConsentStatement make_consent_statement(const std::string& name, const CalendarDate& date) {
  const std::string who = trim(name);
  // Segments meet at spaces or punctuation, so the statement's words are the segments'
  // words in order, and each part's word range follows from the counts.
  const std::pair<std::string, std::string> segments[] = {
      {"", "I"},
      {"name", who.empty() ? std::string() : ", " + who + ","},
      {"", " agree that Echoes may create a synthetic copy of my voice on "},
      {"month", kMonths[date.month - 1]},
      {"", " "},
      {"day", ordinal_day(date.day)},
      {"", ", "},
      {"year", spoken_year(date.year)},
      {"", "."}};
  ConsentStatement statement;
  for (const auto& [what, text] : segments) {
    const std::size_t words = align::normalize_transcript(text).size();
    if (!what.empty() && words > 0) statement.parts.push_back({what, statement.word_count, words});
    statement.text += text;
    statement.word_count += words;
  }
  return statement;
}

std::string consent_statement(const std::string& name, const CalendarDate& date) {
  return make_consent_statement(name, date).text;
}

}  // namespace echoes::studio
