// Consistency across a voice set: a take whose level, room tone or voice differs markedly
// from the others. Robust statistics (median and MAD) so one odd take cannot hide itself by
// dragging the reference towards it.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "quality/set_assessment.h"
#include "text/passages.h"

namespace echoes::quality {
namespace {

constexpr double kMadToSigma = 1.4826;
constexpr int kMinTakes = 3;  // with two takes there is no telling which one is odd

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double mad(const std::vector<double>& v, double centre) {
  std::vector<double> dev;
  for (double x : v) dev.push_back(std::fabs(x - centre));
  return median(dev);
}

// Indices of values further from the median than max(k * sigma_MAD, min_difference).
std::vector<std::size_t> outliers(const std::vector<double>& values, double k, double min_difference) {
  std::vector<std::size_t> out;
  if (static_cast<int>(values.size()) < kMinTakes) return out;
  const double m = median(values);
  const double limit = std::max(k * kMadToSigma * mad(values, m), min_difference);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::fabs(values[i] - m) > limit) out.push_back(i);
  }
  return out;
}

std::string take_name(const RecordingSummary& r) {
  const text::Passage* p = text::find_passage(r.passage_id);
  return p ? "Your '" + p->title + "' recording" : "One of your recordings";
}

std::string db_text(double db) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f dB", std::fabs(db));
  return buf;
}

// Element-wise median signature of the takes that have one.
VoiceSignature median_signature(const std::vector<const VoiceSignature*>& sigs) {
  VoiceSignature m;
  std::vector<double> v;
  for (int k = 0; k < kSignatureCoefficients; ++k) {
    v.clear();
    for (const auto* s : sigs) v.push_back(s->mfcc_mean[k]);
    m.mfcc_mean[k] = median(v);
    v.clear();
    for (const auto* s : sigs) v.push_back(s->mfcc_stdev[k]);
    m.mfcc_stdev[k] = median(v);
  }
  v.clear();
  for (const auto* s : sigs) v.push_back(s->f0_median_hz);
  m.f0_median_hz = median(v);
  m.voiced_frames = 1;
  return m;
}

void flag_scalar(const std::vector<RecordingSummary>& takes, double RecordingSummary::*field,
                 double min_difference, double k, const std::string& kind,
                 std::vector<ConsistencyFlag>& flags) {
  std::vector<double> values;
  std::vector<const RecordingSummary*> who;
  for (const auto& r : takes) {
    const double x = r.*field;
    if (std::isfinite(x) && x > -199.0) {  // -200 = "no signal" in the analysis
      values.push_back(x);
      who.push_back(&r);
    }
  }
  const double m = median(values);
  for (std::size_t i : outliers(values, k, min_difference)) {
    const RecordingSummary& r = *who[i];
    const double diff = values[i] - m;
    std::string message;
    if (kind == "level") {
      message = take_name(r) + " is " + db_text(diff) + (diff < 0 ? " quieter" : " louder") +
                " than your others. Keep the same distance from the microphone and the same "
                "input volume, and record it again.";
    } else {
      message = take_name(r) + " has " + (diff > 0 ? "more" : "less") +
                " background noise than your others (" + db_text(diff) +
                " different). Record it again in the same room, with the same things switched off.";
    }
    flags.push_back({r.recording_id, r.passage_id, kind, values[i], m, message});
  }
}

void flag_voice(const std::vector<RecordingSummary>& takes, const SetAssessmentOptions& options,
                std::vector<ConsistencyFlag>& flags) {
  std::vector<const VoiceSignature*> sigs;
  std::vector<const RecordingSummary*> who;
  for (const auto& r : takes) {
    if (r.voice.voiced_frames > 0) {
      sigs.push_back(&r.voice);
      who.push_back(&r);
    }
  }
  if (static_cast<int>(sigs.size()) < kMinTakes) return;
  const VoiceSignature centre = median_signature(sigs);
  std::vector<double> distances;
  for (const auto* s : sigs) distances.push_back(voice_distance(*s, centre));
  // Distances are one-sided (>= 0): flag those far above the typical distance.
  const double m = median(distances);
  const double limit = std::max(m + options.outlier_mads * kMadToSigma * mad(distances, m),
                                options.min_voice_distance);
  for (std::size_t i = 0; i < distances.size(); ++i) {
    if (distances[i] <= limit) continue;
    flags.push_back({who[i]->recording_id, who[i]->passage_id, "voice", distances[i], m,
                     take_name(*who[i]) +
                         " sounds different from your others, as if another voice, microphone "
                         "or room was used. Record it again with your usual setup."});
  }
}

}  // namespace

std::vector<ConsistencyFlag> check_consistency(const std::vector<RecordingSummary>& takes,
                                               const SetAssessmentOptions& options) {
  std::vector<ConsistencyFlag> flags;
  flag_scalar(takes, &RecordingSummary::rms_dbfs, options.min_level_difference_db,
              options.outlier_mads, "level", flags);
  flag_scalar(takes, &RecordingSummary::noise_floor_dbfs, options.min_noise_difference_db,
              options.outlier_mads, "room_tone", flags);
  flag_voice(takes, options, flags);
  return flags;
}

}  // namespace echoes::quality
