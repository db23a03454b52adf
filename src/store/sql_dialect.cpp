#include "store/sql_dialect.h"

#include <algorithm>
#include <cctype>

namespace echoes::store {
namespace {

// Index just past the quoted run that starts at `i` (the quote is repeated to escape it).
std::size_t skip_quoted(std::string_view sql, std::size_t i) {
  const char quote = sql[i];
  for (++i; i < sql.size(); ++i) {
    if (sql[i] != quote) continue;
    if (i + 1 < sql.size() && sql[i + 1] == quote) {
      ++i;
      continue;
    }
    return i + 1;
  }
  return sql.size();
}

}  // namespace

std::string numbered_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int highest = 0;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      const std::size_t end = skip_quoted(sql, i);
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const std::size_t end = std::min(sql.find('\n', i), sql.size());
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '?') {
      std::size_t end = i + 1;
      while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end]))) ++end;
      const int number = end > i + 1 ? std::stoi(std::string(sql.substr(i + 1, end - i - 1))) : highest + 1;
      highest = std::max(highest, number);
      out += '$' + std::to_string(number);
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

namespace {

std::string utc_timestamp(std::string_view column) {
  return "(to_timestamp(" + std::string(column) + ") AT TIME ZONE 'UTC')";
}

}  // namespace

std::string utc_day_sql(Dialect dialect, std::string_view column) {
  if (dialect == Dialect::kSqlite) return "date(" + std::string(column) + ", 'unixepoch')";
  return "to_char(" + utc_timestamp(column) + ", 'YYYY-MM-DD')";
}

std::string utc_week_sql(Dialect dialect, std::string_view column) {
  if (dialect == Dialect::kSqlite) return "strftime('%Y-W%W', " + std::string(column) + ", 'unixepoch')";
  // glibc's %W: (yday - (wday - 1 + 7) % 7 + 7) / 7, with yday from 0 and wday 0 = Sunday.
  const std::string ts = utc_timestamp(column);
  return "(to_char(" + ts + ", 'YYYY') || '-W' || to_char(((extract(doy FROM " + ts + ")::int - 1) - ((extract(dow FROM " +
         ts + ")::int + 6) % 7) + 7) / 7, 'FM00'))";
}

std::string json_number_sql(Dialect dialect, std::string_view column, std::string_view path) {
  if (dialect == Dialect::kSqlite) return "json_extract(" + std::string(column) + ", '$." + std::string(path) + "')";
  std::string keys(path);
  std::replace(keys.begin(), keys.end(), '.', ',');
  const std::string value = "(CAST(" + std::string(column) + " AS jsonb) #> '{" + keys + "}')";
  return "(CASE WHEN jsonb_typeof" + value + " = 'number' THEN CAST(" + value +
         " #>> '{}' AS DOUBLE PRECISION) END)";
}

const char* skip_locked(Dialect dialect) { return dialect == Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : ""; }

const char* least_function(Dialect dialect) { return dialect == Dialect::kPostgres ? "LEAST" : "MIN"; }

const char* greatest_function(Dialect dialect) { return dialect == Dialect::kPostgres ? "GREATEST" : "MAX"; }

}  // namespace echoes::store
