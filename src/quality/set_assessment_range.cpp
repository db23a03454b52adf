// Emotional range of a voice set: how much the voice moves within and across passages.
//
// Score = 100 * weighted mean of five components, each mapped linearly from
// [floor, ceiling] to [0, 1] and clamped (values: docs/passages.md):
//   within a passage (mean over best takes)   across passages (best takes)
//   - F0 range, 5th..95th pct      0.35       - spread of median F0         0.20
//   - loudness range, 10th..90th   0.20       - speaking-rate variation     0.15
//                                             - spread of F0 range          0.10
// One passage can only earn the within-passage part.
#include <cmath>

#include "quality/set_assessment.h"

namespace echoes::quality {
namespace {

struct Component {
  double value;
  double floor;
  double ceiling;
  double weight;
};

double unit(const Component& c) {
  const double x = (c.value - c.floor) / (c.ceiling - c.floor);
  return x < 0 ? 0 : (x > 1 ? 1 : x);
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / v.size();
}

double stdev(const std::vector<double>& v) {
  if (v.size() < 2) return 0.0;
  const double m = mean(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / (v.size() - 1));
}

std::string summary_for(int score, int passages) {
  if (passages == 0) return "Not enough voiced speech yet to judge your expressive range.";
  std::string s;
  if (score >= 70) {
    s = "Lively and varied: your voice moves in pitch, loudness and pace.";
  } else if (score >= 40) {
    s = "Some variety. Letting feelings show more (rising with joy, slowing for serious parts) "
        "gives your voice more range.";
  } else {
    s = "Quite even and steady. Try reading with more feeling: let your pitch rise and fall "
        "and your pace change with the story.";
  }
  if (passages < 2) s += " Read more passages so variety across them can be measured.";
  return s;
}

}  // namespace

EmotionalRange measure_emotional_range(const std::vector<RecordingSummary>& best_takes) {
  EmotionalRange out;
  std::vector<double> f0_ranges, loudness_ranges, f0_levels_st, rates;
  for (const auto& r : best_takes) {
    const ProsodyFeatures& p = r.prosody;
    if (!(p.f0_median_hz > 0) || !std::isfinite(p.f0_range_semitones) ||
        !std::isfinite(p.loudness_range_db)) {
      continue;  // nothing voiced was measured in this take
    }
    f0_ranges.push_back(p.f0_range_semitones);
    loudness_ranges.push_back(p.loudness_range_db);
    f0_levels_st.push_back(12.0 * std::log2(p.f0_median_hz));
    const double rate = speaking_rate_syllables_per_s(r.syllable_count, p.speech_duration_s);
    if (rate > 0 && std::isfinite(rate)) rates.push_back(rate);
  }
  out.passages_measured = static_cast<int>(f0_ranges.size());
  out.mean_f0_range_semitones = mean(f0_ranges);
  out.mean_loudness_range_db = mean(loudness_ranges);
  out.f0_level_spread_semitones = stdev(f0_levels_st);
  out.f0_range_spread_semitones = stdev(f0_ranges);
  out.speaking_rate_variation = rates.size() >= 2 ? stdev(rates) / mean(rates) : 0.0;
  if (out.passages_measured > 0) {
    const Component components[] = {
        {out.mean_f0_range_semitones, 4.0, 14.0, 0.35},
        {out.mean_loudness_range_db, 12.0, 30.0, 0.20},
        {out.f0_level_spread_semitones, 0.0, 2.0, 0.20},
        {out.speaking_rate_variation, 0.0, 0.15, 0.15},
        {out.f0_range_spread_semitones, 0.0, 3.0, 0.10}};
    double score = 0.0;
    for (const auto& c : components) score += c.weight * unit(c);
    out.score = static_cast<int>(std::lround(100.0 * score));
  }
  out.summary = summary_for(out.score, out.passages_measured);
  return out;
}

}  // namespace echoes::quality
