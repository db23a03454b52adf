#include "quality/set_assessment_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace echoes::quality {
namespace {

double round_to(double x, double step) { return std::isfinite(x) ? std::round(x / step) * step : 0.0; }

nlohmann::json coverage_json(const text::Coverage& c) {
  return {{"phonesPresent", c.phones_present},
          {"phonesTotal", c.phones_total},
          {"phoneCoverage", round_to(c.phone_coverage, 0.001)},
          {"diphonesPresent", c.diphones_present},
          {"diphonesTotal", c.diphones_total},
          {"diphoneCoverage", round_to(c.diphone_coverage, 0.001)},
          {"referenceDiphonesPresent", c.reference_diphones_present},
          {"referenceDiphonesTotal", c.reference_diphones_total},
          {"referenceDiphoneCoverage", round_to(c.reference_diphone_coverage, 0.001)},
          {"weightedDiphoneCoverage", round_to(c.weighted_diphone_coverage, 0.001)}};
}

nlohmann::json range_json(const EmotionalRange& r) {
  return {{"score", r.score},
          {"passagesMeasured", r.passages_measured},
          {"meanF0RangeSemitones", round_to(r.mean_f0_range_semitones, 0.01)},
          {"meanLoudnessRangeDb", round_to(r.mean_loudness_range_db, 0.1)},
          {"f0LevelSpreadSemitones", round_to(r.f0_level_spread_semitones, 0.01)},
          {"f0RangeSpreadSemitones", round_to(r.f0_range_spread_semitones, 0.01)},
          {"speakingRateVariation", round_to(r.speaking_rate_variation, 0.001)},
          {"summary", r.summary}};
}

}  // namespace

nlohmann::json set_assessment_to_json(const SetAssessment& a) {
  nlohmann::json passages = nlohmann::json::array();
  for (const auto& p : a.passages) {
    passages.push_back({{"passageId", p.passage_id},
                        {"title", p.title},
                        {"targetDurationSec", p.target_duration_s},
                        {"done", p.done},
                        {"takes", p.takes},
                        {"bestRecordingId", p.done ? nlohmann::json(p.best_recording_id) : nlohmann::json()},
                        {"seconds", round_to(p.seconds, 0.01)},
                        {"qualityScore", round_to(p.quality_score, 0.1)}});
  }
  nlohmann::json flags = nlohmann::json::array();
  for (const auto& f : a.consistency) {
    flags.push_back({{"recordingId", f.recording_id},
                     {"passageId", f.passage_id},
                     {"kind", f.kind},
                     {"value", round_to(f.value, 0.01)},
                     {"setMedian", round_to(f.set_median, 0.01)},
                     {"message", f.message}});
  }
  return {{"totalSec", round_to(a.total_s, 0.01)},
          {"recordingsUsed", a.recordings_used},
          {"excludedRecordings", a.excluded_recordings},
          {"passagesDone", a.passages_done},
          {"qualityScore", round_to(a.quality_score, 0.1)},
          {"tier", a.tier},
          {"nextTier", a.next_tier.empty() ? nlohmann::json() : nlohmann::json(a.next_tier)},
          {"missingForNextTier", a.missing_for_next_tier},
          {"passages", passages},
          {"coverage", coverage_json(a.coverage)},
          {"emotionalRange", range_json(a.emotional_range)},
          {"consistency", flags}};
}

}  // namespace echoes::quality
