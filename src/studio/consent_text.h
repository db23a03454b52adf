#pragma once
// The consent statement a person reads before Echoes builds their voice, and the calendar
// date it names (docs/consent.md). The date is a UTC day, so the statement stays the same
// for a whole day wherever the server runs.
#include <optional>
#include <cstddef>
#include <string>
#include <vector>

namespace echoes::studio {

/// A calendar day (proleptic Gregorian, UTC).
struct CalendarDate {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
  bool operator==(const CalendarDate&) const = default;
};

/// The UTC day containing `unix_s` (seconds since 1970-01-01 UTC).
CalendarDate utc_date(double unix_s);

/// "2026-11-25".
std::string iso_date(const CalendarDate& date);
/// Parses "YYYY-MM-DD" (a real day of year 1900..9999); nullopt otherwise.
std::optional<CalendarDate> parse_iso_date(const std::string& text);
/// "November 25, 2026": how the date is shown.
std::string display_date(const CalendarDate& date);
/// "November twenty-fifth, twenty twenty-six": how the statement spells the date, so there is
/// exactly one way to read it aloud (the aligner needs the words actually said).
std::string spoken_date(const CalendarDate& date);

/// A part of the statement that must be heard on its own (the name, month, day, year): the
/// whole statement could otherwise match with another name or date read in it.
struct StatementPart {
  std::string what;             ///< "name", "month", "day" or "year"
  std::size_t first_word = 0;   ///< index into align::normalize_transcript(text)
  std::size_t word_count = 0;
};

struct ConsentStatement {
  std::string text;                 ///< what the person reads
  std::vector<StatementPart> parts;  ///< in reading order; no "name" part without a name
  std::size_t word_count = 0;       ///< words of align::normalize_transcript(text)
};

/// "I, NAME, agree that Echoes may create a synthetic copy of my voice on DATE." with the
/// date spelled as spoken_date(). `name` is trimmed; an empty name leaves out ", NAME,".
ConsentStatement make_consent_statement(const std::string& name, const CalendarDate& date);

/// make_consent_statement(name, date).text
std::string consent_statement(const std::string& name, const CalendarDate& date);

}  // namespace echoes::studio
