#include "studio/analytics.h"

#include <string>
#include <vector>

#include "store/clock.h"
#include "store/sql_dialect.h"

namespace echoes::studio {
namespace {

double scalar(store::Database& db, const char* sql) {
  auto statement = db.connection().prepare(sql);
  return statement.step() && !statement.is_null(0) ? statement.column_double(0) : 0.0;
}

std::vector<std::string> users_with_recordings(store::Database& db) {
  std::vector<std::string> ids;
  auto statement = db.connection().prepare("SELECT DISTINCT user_id FROM recordings");
  while (statement.step()) ids.push_back(statement.column_text(0));
  return ids;
}

nlohmann::json recording_sessions(store::Database& db, Studio& studio) {
  nlohmann::json tiers = {{"none", 0}, {"minimum", 0}, {"recommended", 0}, {"optimal", 0}};
  int started = 0, all_passages = 0;
  for (const auto& user_id : users_with_recordings(db)) {
    const auto set = studio.assess(user_id);
    ++started;
    if (set.passages_done >= static_cast<int>(set.passages.size()) && !set.passages.empty()) ++all_passages;
    tiers[set.tier] = tiers.value(set.tier, 0) + 1;
  }
  return {{"sessions", {{"started", started},
                        {"allPassagesRecorded", all_passages},
                        {"completionRate", started ? static_cast<double>(all_passages) / started : 0.0}}},
          {"tiers", tiers}};
}

nlohmann::json usage(store::Database& db) {
  nlohmann::json per_day = nlohmann::json::array();
  auto statement = db.connection().prepare("SELECT " + store::utc_day_sql(db.dialect(), "created_at") +
                                           " AS day, COUNT(*), SUM(audio_s) FROM syntheses "
                                           "WHERE created_at >= ? GROUP BY day ORDER BY day");
  statement.bind(1, store::unix_now_s() - 30 * 86400.0);
  while (statement.step()) {
    per_day.push_back({{"day", statement.column_text(0)},
                       {"syntheses", statement.column_int64(1)},
                       {"audioSec", statement.column_double(2)}});
  }
  return {{"syntheses", scalar(db, "SELECT COUNT(*) FROM syntheses")},
          {"audioSec", scalar(db, "SELECT SUM(audio_s) FROM syntheses")},
          {"perDay", per_day}};
}

nlohmann::json quality_over_time(store::Database& db) {
  nlohmann::json per_week = nlohmann::json::array();
  auto statement = db.connection().prepare(
      "SELECT " + store::utc_week_sql(db.dialect(), "created_at") + " AS week, COUNT(*), AVG(" +
      store::json_number_sql(db.dialect(), "analysis_json", "analysis.qualityScore") +
      ") FROM recordings GROUP BY week ORDER BY week");
  while (statement.step()) {
    per_week.push_back({{"week", statement.column_text(0)},
                        {"recordings", statement.column_int64(1)},
                        {"meanScore", statement.column_double(2)}});
  }
  return {{"perWeek", per_week}};
}

nlohmann::json ratings(store::Database& db) {
  nlohmann::json distribution = {{"1", 0}, {"2", 0}, {"3", 0}, {"4", 0}, {"5", 0}};
  auto counts = db.connection().prepare("SELECT rating, COUNT(*) FROM feedback GROUP BY rating");
  while (counts.step()) distribution[std::to_string(counts.column_int64(0))] = counts.column_int64(1);
  nlohmann::json per_week = nlohmann::json::array();
  auto weekly = db.connection().prepare("SELECT " + store::utc_week_sql(db.dialect(), "created_at") +
                                        " AS week, COUNT(*), AVG(rating) FROM feedback GROUP BY week ORDER BY week");
  while (weekly.step()) {
    per_week.push_back({{"week", weekly.column_text(0)}, {"count", weekly.column_int64(1)}, {"mean", weekly.column_double(2)}});
  }
  return {{"count", scalar(db, "SELECT COUNT(*) FROM feedback")},
          {"mean", scalar(db, "SELECT AVG(rating) FROM feedback")},
          {"distribution", distribution},
          {"perWeek", per_week}};
}

}  // namespace

nlohmann::json operator_analytics(store::Database& db, Studio& studio) {
  const auto sessions = recording_sessions(db, studio);
  return {{"users", scalar(db, "SELECT COUNT(*) FROM users")},
          {"recordingSessions", sessions["sessions"]},
          {"tiers", sessions["tiers"]},
          {"voices", {{"ready", scalar(db, "SELECT COUNT(*) FROM voices WHERE status = 'ready'")},
                      {"usersWithVoice", scalar(db, "SELECT COUNT(DISTINCT user_id) FROM voices WHERE status = 'ready'")}}},
          {"usage", usage(db)},
          {"quality", quality_over_time(db)},
          {"ratings", ratings(db)}};
}

}  // namespace echoes::studio
