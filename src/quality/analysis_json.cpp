#include "quality/analysis_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace echoes::quality {
namespace {

double rounded(double value, double step) { return std::round(value / step) * step; }

}  // namespace

nlohmann::json analysis_to_json(const RecordingAnalysis& a) {
  nlohmann::json issues = nlohmann::json::array();
  for (const QualityIssue& issue : a.issues) {
    issues.push_back({{"code", issue.code},
                      {"severity", issue.severity},
                      {"message", issue.message},
                      {"fix", issue.fix}});
  }
  nlohmann::json segments = nlohmann::json::array();
  for (const SpeechSegment& s : a.speech_segments) {
    segments.push_back({{"startSec", rounded(s.start_s, 0.001)}, {"endSec", rounded(s.end_s, 0.001)}});
  }
  return {{"durationSec", rounded(a.duration_s, 0.001)},
          {"speechDurationSec", rounded(a.speech_duration_s, 0.001)},
          {"peakDbfs", rounded(a.peak_dbfs, 0.1)},
          {"rmsDbfs", rounded(a.rms_dbfs, 0.1)},
          {"loudnessLufs", rounded(a.loudness_lufs, 0.1)},
          {"noiseFloorDbfs", rounded(a.noise_floor_dbfs, 0.1)},
          {"snrDb", rounded(a.snr_db, 0.1)},
          {"suddenNoiseShare", rounded(a.sudden_noise_share, 0.01)},
          {"clippedFraction", a.clipped_fraction},
          {"clipRuns", a.clip_runs},
          {"dcOffset", a.dc_offset},
          {"leadingSilenceSec", rounded(a.leading_silence_s, 0.001)},
          {"trailingSilenceSec", rounded(a.trailing_silence_s, 0.001)},
          {"qualityScore", a.quality_score},
          {"speechFound", a.speech_found},
          {"issues", issues},
          {"speechSegments", segments}};
}

}  // namespace echoes::quality
