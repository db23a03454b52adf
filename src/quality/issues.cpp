#include "quality/issues.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace echoes::quality {
namespace {

// printf-style formatting into a std::string (g++ 12 has no std::format).
std::string format(const char* pattern, ...) {
  char buffer[512];
  va_list args;
  va_start(args, pattern);
  std::vsnprintf(buffer, sizeof buffer, pattern, args);
  va_end(args);
  return buffer;
}

// Rounded for people: "-32", never "-0".
int whole(double value) {
  const long r = std::lround(value);
  return r == 0 ? 0 : static_cast<int>(r);
}

void add_noise_issues(const RecordingAnalysis& a, const AnalysisOptions& o, std::vector<QualityIssue>& out) {
  if (a.noise_floor_dbfs > o.max_noise_floor_dbfs) {
    out.push_back({"noise_floor_high", "error",
                   format("Background noise at %d dB (it should be %d dB or lower).",
                          whole(a.noise_floor_dbfs), whole(o.max_noise_floor_dbfs)),
                   "Record in a quieter room: move away from fans, running water and traffic, "
                   "and switch off noisy devices."});
  }
  if (a.snr_db < o.min_snr_db) {
    out.push_back({"snr_low", "error",
                   format("Your voice is only %d dB louder than the background noise (it needs "
                          "at least %d dB).",
                          whole(a.snr_db), whole(o.min_snr_db)),
                   "Move closer to the microphone (about 15-20 cm) and reduce background noise."});
  }
  if (a.sudden_noise_share > o.max_sudden_noise_share && a.snr_db < o.ideal_snr_db) {
    out.push_back({"sudden_noise", "warning",
                   format("Sudden loud sounds (a bang, clatter or a pet, for example) make up about "
                          "%d%% of the background noise.",
                          whole(100.0 * a.sudden_noise_share)),
                   "Record at a quiet moment: close the door, keep pets and kitchen work out of the "
                   "room, and if something clatters while you read, pause and read that sentence again."});
  }
}

void add_level_issues(const RecordingAnalysis& a, const AnalysisOptions& o, std::vector<QualityIssue>& out) {
  if (a.clip_runs > 0) {
    const bool severe = a.clipped_fraction > o.max_clipped_fraction;
    out.push_back({"clipping", severe ? "error" : "warning",
                   format("The recording is distorted (clipped) in %d place%s, %.2f%% of the audio.",
                          a.clip_runs, a.clip_runs == 1 ? "" : "s", 100.0 * a.clipped_fraction),
                   "Lower the microphone input gain or move a little further back, then record again."});
  } else if (a.peak_dbfs > o.max_peak_dbfs) {
    out.push_back({"peak_high", "warning",
                   format("Peaks reach %.1f dBFS, close to distortion (keep them below %d dBFS).",
                          a.peak_dbfs, whole(o.max_peak_dbfs)),
                   "Lower the microphone input gain a little."});
  }
  if (std::fabs(a.dc_offset) > o.max_dc_offset) {
    out.push_back({"dc_offset", "warning",
                   format("The signal is shifted off centre by %.1f%% of full scale (DC offset).",
                          100.0 * std::fabs(a.dc_offset)),
                   "Use a different microphone or audio interface; this one adds a constant offset."});
  }
}

// Speech level against the target range; only meaningful when there is speech.
void add_speech_level_issues(const RecordingAnalysis& a, const AnalysisOptions& o,
                             std::vector<QualityIssue>& out) {
  const std::string target = format("%d to %d dBFS", whole(o.target_rms_min_dbfs), whole(o.target_rms_max_dbfs));
  if (a.rms_dbfs < o.target_rms_min_dbfs) {
    out.push_back({"too_quiet", a.rms_dbfs < o.too_quiet_rms_dbfs ? "warning" : "info",
                   format("Your voice is quiet: %d dBFS, the recommended level is %s.", whole(a.rms_dbfs),
                          target.c_str()),
                   "Move closer to the microphone or raise its input gain."});
  } else if (a.rms_dbfs > o.target_rms_max_dbfs) {
    out.push_back({"too_loud", "warning",
                   format("Your voice is loud: %d dBFS, the recommended level is %s.", whole(a.rms_dbfs),
                          target.c_str()),
                   "Lower the microphone input gain or move a little further back."});
  }
}

void add_timing_issues(const RecordingAnalysis& a, const AnalysisOptions& o, std::vector<QualityIssue>& out) {
  if (a.speech_duration_s < o.min_speech_s) {
    out.push_back({"too_short", "warning",
                   format("Only %.1f s of speech was found.", a.speech_duration_s),
                   "Read the whole passage aloud."});
  }
  if (a.leading_silence_s > o.max_leading_silence_s) {
    out.push_back({"long_silence", "info",
                   format("%.1f s of silence before you start speaking.", a.leading_silence_s),
                   "Start speaking a moment after you press record."});
  }
  if (a.trailing_silence_s > o.max_trailing_silence_s) {
    out.push_back({"long_silence", "info",
                   format("%.1f s of silence after you stop speaking.", a.trailing_silence_s),
                   "Stop the recording soon after you finish reading."});
  }
}

int severity_rank(const std::string& severity) {
  return severity == "error" ? 0 : severity == "warning" ? 1 : 2;
}

}  // namespace

std::vector<QualityIssue> find_issues(const RecordingAnalysis& a, const AnalysisOptions& o,
                                      const std::string& no_speech_reason) {
  std::vector<QualityIssue> issues;
  if (!a.speech_found) {
    std::string message = "No speech found";
    message += no_speech_reason.empty() ? "." : ": " + no_speech_reason + ".";
    issues.push_back({"no_speech", "error", message,
                      "Read the passage aloud close to the microphone, and check that the right "
                      "microphone is selected and not muted."});
  } else {
    add_noise_issues(a, o, issues);
  }
  add_level_issues(a, o, issues);
  if (a.speech_found) {
    add_speech_level_issues(a, o, issues);
    add_timing_issues(a, o, issues);
  }
  std::stable_sort(issues.begin(), issues.end(), [](const QualityIssue& x, const QualityIssue& y) {
    return severity_rank(x.severity) < severity_rank(y.severity);
  });
  return issues;
}

}  // namespace echoes::quality
