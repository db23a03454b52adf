#pragma once
// Recording-quality analysis: levels, loudness, noise, SNR, clipping, silence,
// voice activity, a 0-100 score and plain-language issues with their fixes.
// Formula and thresholds: docs/quality-analysis.md.
#include <string>
#include <vector>

#include "audio/audio.h"
#include "quality/noise_open_pause.h"
#include "quality/vad.h"

namespace echoes::quality {

/// Thresholds. The "min"/"max" ones are Echoes' requirements (an issue of
/// severity "error" when missed); the targets are industry guidance that shapes
/// the score and raises warnings.
struct AnalysisOptions {
  double min_snr_db = 25.0;               // requirement
  double max_noise_floor_dbfs = -40.0;    // requirement
  double ideal_snr_db = 35.0;             // full marks from here (Azure guidance)
  double ideal_noise_floor_dbfs = -60.0;  // full marks from here (ACX guidance)
  double target_rms_min_dbfs = -23.0;     // RMS over speech, ACX / ElevenLabs guidance
  double target_rms_max_dbfs = -18.0;
  double too_quiet_rms_dbfs = -35.0;      // below this a quiet recording is a warning
  double max_peak_dbfs = -3.0;
  double clip_level = 0.999;              // fraction of full scale
  double max_clipped_fraction = 0.001;    // above this clipping is an error, below a warning
  double max_dc_offset = 0.01;            // fraction of full scale
  double min_speech_s = 1.0;
  double max_leading_silence_s = 2.0;
  double max_trailing_silence_s = 2.0;
  // Sudden loud noises (bangs, clatter) holding more than this share of the noise power,
  // in a take under the ideal SNR, raise a "sudden_noise" warning: the fix differs from a
  // steady hum's (none of the 713 clean corpus files nor any steady-noise mix gets there).
  double max_sudden_noise_share = 0.25;
  VadOptions vad;
  OpenPauseOptions open_pause;  // noise measured in pauses far from speech (noise_open_pause.h)
};

struct QualityIssue {
  std::string code;      // stable: noise_floor_high, snr_low, sudden_noise, clipping, too_quiet,
                         // too_loud, peak_high, dc_offset, long_silence, too_short, no_speech
  std::string severity;  // "error" | "warning" | "info"
  std::string message;   // what is wrong, with the measured number
  std::string fix;       // what the person should do
};

/// All levels are in dB re full scale (0 dBFS = a sample value of 1.0, RMS of
/// the DC-removed signal). Quantities that do not exist (e.g. speech level in a
/// silent file) read kSilenceDb, never NaN or infinity.
struct RecordingAnalysis {
  double duration_s = 0.0;
  double speech_duration_s = 0.0;   // total length of the speech segments
  double peak_dbfs = 0.0;           // sample peak
  double rms_dbfs = 0.0;            // over the speech segments
  double loudness_lufs = 0.0;       // BS.1770-4 integrated, whole recording
  double noise_floor_dbfs = 0.0;    // background noise level (per-band floors / pauses, plus loud events; docs/quality-analysis.md)
  double snr_db = 0.0;              // speech power (noise removed) over noise power
  double sudden_noise_share = 0.0;  // 0..1: part of that noise power from sudden loud events (noise_events.h, bursts in open pauses)
  double clipped_fraction = 0.0;    // of all samples
  int clip_runs = 0;
  double dc_offset = 0.0;           // mean sample value, fraction of full scale
  double leading_silence_s = 0.0;   // before the first speech segment
  double trailing_silence_s = 0.0;  // after the last speech segment
  int quality_score = 0;            // 0..100
  bool speech_found = false;
  std::vector<QualityIssue> issues;
  std::vector<SpeechSegment> speech_segments;
};

/// The level reported for "nothing there" (digital silence, no speech).
inline constexpr double kSilenceDb = -120.0;

/// Analyses one mono recording (any rate; Echoes passes 22,050 Hz). Never throws
/// on content: a recording without speech comes back with speech_found = false,
/// an error issue "no_speech" and score 0. Empty audio is analysed as silence.
RecordingAnalysis analyze_recording(const audio::Audio& audio, const AnalysisOptions& options = {});

}  // namespace echoes::quality
