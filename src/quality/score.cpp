#include "quality/score.h"

#include <algorithm>
#include <cmath>

namespace echoes::quality {
namespace {

// Linear ramp: 0 at `good`, rising by `per_unit` for each unit worse, capped.
double ramp(double worse_by, double per_unit, double cap) {
  return std::clamp(worse_by * per_unit, 0.0, cap);
}

// Two slopes: gentle between the ideal and the requirement, steep past it.
double two_stage(double worse_than_ideal, double ideal_to_required, double gentle_cap,
                 double steep_per_unit, double cap) {
  const double gentle = ramp(worse_than_ideal, gentle_cap / ideal_to_required, gentle_cap);
  const double steep = ramp(worse_than_ideal - ideal_to_required, steep_per_unit, cap - gentle_cap);
  return gentle + steep;
}

}  // namespace

ScorePenalties score_penalties(const RecordingAnalysis& a, const AnalysisOptions& o) {
  ScorePenalties p;
  // SNR: up to 10 points between the ideal 35 dB and the required 25 dB, then 3 per dB.
  p.snr = two_stage(o.ideal_snr_db - a.snr_db, o.ideal_snr_db - o.min_snr_db, 10.0, 3.0, 60.0);
  // Noise floor: up to 10 points between -60 and -40 dBFS, then 2 per dB.
  p.noise_floor = two_stage(a.noise_floor_dbfs - o.ideal_noise_floor_dbfs,
                            o.max_noise_floor_dbfs - o.ideal_noise_floor_dbfs, 10.0, 2.0, 40.0);
  // Speech level: quiet costs 1 point per dB below the target (max 15: the fix is
  // just gain); loud costs 3 per dB above it (close to distortion).
  p.level = ramp(o.target_rms_min_dbfs - a.rms_dbfs, 1.0, 15.0) +
            ramp(a.rms_dbfs - o.target_rms_max_dbfs, 3.0, 30.0);
  p.peak = ramp(a.peak_dbfs - o.max_peak_dbfs, 2.0, 6.0);
  if (a.clip_runs > 0) p.clipping = std::min(50.0, 5.0 + 10000.0 * a.clipped_fraction);
  if (std::fabs(a.dc_offset) > o.max_dc_offset) p.dc_offset = 5.0;
  p.silence = (a.leading_silence_s > o.max_leading_silence_s ? 3.0 : 0.0) +
              (a.trailing_silence_s > o.max_trailing_silence_s ? 3.0 : 0.0);
  if (a.speech_duration_s < o.min_speech_s) p.too_short = 20.0;
  return p;
}

int quality_score(const RecordingAnalysis& a, const AnalysisOptions& o) {
  if (!a.speech_found) return 0;
  const double score = 100.0 - score_penalties(a, o).total();
  return static_cast<int>(std::lround(std::clamp(score, 0.0, 100.0)));
}

}  // namespace echoes::quality
