#include "quality/analysis.h"

#include <algorithm>
#include <cmath>

#include "audio/frames.h"
#include "quality/clipping.h"
#include "quality/issues.h"
#include "quality/loudness.h"
#include "quality/noise.h"
#include "quality/noise_bands.h"
#include "quality/noise_events.h"
#include "quality/noise_open_pause.h"
#include "quality/score.h"
#include "quality/vad_features.h"

namespace echoes::quality {
namespace {

// Keeps the arithmetic finite: NaN/inf become 0, absurd values are limited.
// Real decoded audio never changes here (|x| <= 1).
constexpr float kSampleLimit = 1000.0f;

std::vector<float> sanitized(const std::vector<float>& samples) {
  std::vector<float> out(samples);
  for (float& x : out) x = std::isfinite(x) ? std::clamp(x, -kSampleLimit, kSampleLimit) : 0.0f;
  return out;
}

bool needs_sanitizing(const std::vector<float>& samples) {
  return std::any_of(samples.begin(), samples.end(),
                     [](float x) { return !std::isfinite(x) || std::fabs(x) > kSampleLimit; });
}

double power_db(double mean_square) { return std::max(kSilenceDb, audio::power_to_db(mean_square)); }

double mean_of(std::span<const float> x) {
  double sum = 0.0;
  for (float v : x) sum += v;
  return x.empty() ? 0.0 : sum / x.size();
}

// Mean power of the flagged cells.
double mean_power(const std::vector<double>& powers, const std::vector<std::uint8_t>& flags) {
  double sum = 0.0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < std::min(powers.size(), flags.size()); ++i) {
    if (flags[i]) {
      sum += powers[i];
      ++count;
    }
  }
  return count ? sum / count : 0.0;
}

void fill_speech_timing(const VadResult& vad, RecordingAnalysis& a) {
  if (vad.segments.empty()) {
    a.leading_silence_s = a.trailing_silence_s = a.duration_s;
    return;
  }
  for (const SpeechSegment& s : vad.segments) {
    SpeechSegment clamped{std::min(s.start_s, a.duration_s), std::min(s.end_s, a.duration_s)};
    a.speech_segments.push_back(clamped);
    a.speech_duration_s += clamped.end_s - clamped.start_s;
  }
  a.leading_silence_s = a.speech_segments.front().start_s;
  a.trailing_silence_s = std::max(0.0, a.duration_s - a.speech_segments.back().end_s);
}

}  // namespace

RecordingAnalysis analyze_recording(const audio::Audio& audio, const AnalysisOptions& options) {
  std::vector<float> cleaned;
  if (needs_sanitizing(audio.samples)) cleaned = sanitized(audio.samples);
  const std::span<const float> x = cleaned.empty() ? std::span<const float>(audio.samples)
                                                   : std::span<const float>(cleaned);
  const int rate_hz = audio.rate_hz > 0 ? audio.rate_hz : audio::kWorkingRateHz;

  RecordingAnalysis a;
  a.duration_s = static_cast<double>(x.size()) / rate_hz;
  a.dc_offset = mean_of(x);
  const double peak = audio::peak_abs(x);
  a.peak_dbfs = std::max(kSilenceDb, audio::amplitude_to_db(peak));
  a.loudness_lufs = integrated_loudness_lufs(x, rate_hz, {.floor_lufs = kSilenceDb});

  ClippingOptions clip_options;
  clip_options.clip_level = options.clip_level;
  const ClippingStats clipping = detect_clipping(x, clip_options);
  a.clipped_fraction = clipping.clipped_fraction;
  a.clip_runs = clipping.clip_runs;

  const FrameFeatures features = compute_frame_features(x, rate_hz);
  const VadResult vad = detect_speech(features, options.vad);
  a.speech_found = vad.speech_found;
  fill_speech_timing(vad, a);

  const std::vector<double>& powers = features.cell_power;
  const BandPowers bands = compute_band_powers(x, rate_hz, features.hop_s, a.dc_offset);
  const std::vector<double> floors = band_noise_floors(bands);
  double floor_power = 0.0;
  for (double f : floors) floor_power += f;
  NoiseEstimate noise = estimate_noise(powers, vad.speech, features.hop_s, floor_power);
  if (a.speech_found) {
    // The open-pause mask: the same nuclei regrown stepping over stop closures but less
    // far into loud frames, so that noise after the last word stays in the pauses.
    VadOptions mask_growth = options.vad;
    mask_growth.max_closure_s = options.open_pause.closure_s;
    mask_growth.max_extension_s = options.open_pause.max_growth_s;
    const OpenPauseNoise open = open_pause_noise(powers, grow_speech(features, vad, mask_growth), vad.voiced,
                                                 features.hop_s, options.open_pause);
    noise = with_noise_power(noise, powers, features.hop_s,
                             blend_open_pause(noise.noise_power, open, features.hop_s, options.open_pause));
    // Events in the open pauses are in the open estimate already.
    const NoiseEvents events =
        find_noise_events(powers, vad.voiced, bands, floors, noise.noise_power, {}, open.is_open);
    noise = with_noise_events(noise, powers, features.hop_s, events.power);
    a.sudden_noise_share = std::clamp((events.power + open.burst_power) / noise.noise_power, 0.0, 1.0);
  }
  a.noise_floor_dbfs = power_db(noise.noise_power);
  if (a.speech_found) {
    a.rms_dbfs = power_db(mean_power(powers, vad.speech));
    const double snr = 10.0 * std::log10(std::max(noise.speech_power, 1e-30) / noise.noise_power);
    a.snr_db = std::clamp(snr, -60.0, 120.0);
  } else {
    a.rms_dbfs = kSilenceDb;
    a.snr_db = 0.0;
  }

  a.issues = find_issues(a, options, vad.reason);
  a.quality_score = quality_score(a, options);
  return a;
}

}  // namespace echoes::quality
