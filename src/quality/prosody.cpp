#include "quality/prosody.h"

#include <algorithm>
#include <cmath>

#include "audio/frames.h"
#include "quality/percentile.h"

namespace echoes::quality {
namespace {

double semitones_re_1hz(double hz) { return 12.0 * std::log2(hz); }

// One flag per pitch hop: true where the hop lies inside a speech segment.
std::vector<bool> speech_mask_from_segments(std::size_t frames, double hop_s,
                                            const std::vector<SpeechSegment>& speech) {
  std::vector<bool> mask(frames, false);
  for (const auto& seg : speech) {
    const auto first = static_cast<std::size_t>(std::max(0.0, std::ceil(seg.start_s / hop_s)));
    const auto last = static_cast<std::size_t>(std::max(0.0, std::floor(seg.end_s / hop_s)));
    for (std::size_t i = first; i <= last && i < frames; ++i) mask[i] = true;
  }
  return mask;
}

// Without segments: frames within active_range_db of the loud frames are speech.
std::vector<bool> speech_mask_from_levels(const std::vector<float>& levels_db, double range_db) {
  const double loud_db = percentile(levels_db, 0.95);
  std::vector<bool> mask(levels_db.size());
  for (std::size_t i = 0; i < levels_db.size(); ++i) mask[i] = levels_db[i] >= loud_db - range_db;
  return mask;
}

// Level of the frame centred on each pitch hop, dBFS (same time axis as the pitch track).
std::vector<float> centred_levels_db(const audio::Audio& audio, std::size_t frames, double hop_s,
                                     double frame_s) {
  std::vector<float> levels(frames, static_cast<float>(audio::kFloorDb));
  const auto half = static_cast<std::ptrdiff_t>(frame_s * audio.rate_hz / 2.0);
  const auto n = static_cast<std::ptrdiff_t>(audio.samples.size());
  for (std::size_t i = 0; i < frames; ++i) {
    const auto centre = static_cast<std::ptrdiff_t>(std::llround(i * hop_s * audio.rate_hz));
    const auto b = std::clamp<std::ptrdiff_t>(centre - half, 0, n);
    const auto e = std::clamp<std::ptrdiff_t>(centre + half, 0, n);
    if (e > b) {
      levels[i] = static_cast<float>(audio::amplitude_to_db(
          audio::rms(std::span<const float>(audio.samples).subspan(b, e - b))));
    }
  }
  return levels;
}

double stdev(const std::vector<float>& v) {
  if (v.size() < 2) return 0.0;
  double mean = 0.0;
  for (float x : v) mean += x;
  mean /= v.size();
  double ss = 0.0;
  for (float x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / (v.size() - 1));
}

}  // namespace

ProsodyFeatures measure_prosody(const audio::Audio& audio, const std::vector<SpeechSegment>& speech,
                                const ProsodyOptions& options) {
  ProsodyFeatures out;
  if (audio.empty()) return out;
  const audio::PitchTrack track = audio::track_pitch(audio, options.pitch);
  const std::size_t frames = track.f0_hz.size();
  const std::vector<float> levels =
      centred_levels_db(audio, frames, track.hop_s, options.level_frame_s);
  const std::vector<bool> is_speech =
      speech.empty() ? speech_mask_from_levels(levels, options.active_range_db)
                     : speech_mask_from_segments(frames, track.hop_s, speech);

  std::vector<float> f0_st, speech_levels;
  for (std::size_t i = 0; i < frames; ++i) {
    if (!is_speech[i]) continue;
    speech_levels.push_back(levels[i]);
    if (track.f0_hz[i] > 0) f0_st.push_back(static_cast<float>(semitones_re_1hz(track.f0_hz[i])));
  }
  out.speech_duration_s = speech_levels.size() * track.hop_s;
  if (speech_levels.empty()) return out;
  out.voiced_fraction = static_cast<double>(f0_st.size()) / speech_levels.size();
  out.loudness_range_db = percentile(speech_levels, options.loudness_high_percentile) -
                          percentile(speech_levels, options.loudness_low_percentile);
  if (!f0_st.empty()) {
    out.f0_median_hz = std::exp2(percentile(f0_st, 0.5) / 12.0);
    out.f0_range_semitones =
        percentile(f0_st, options.high_percentile) - percentile(f0_st, options.low_percentile);
    out.f0_stdev_semitones = stdev(f0_st);
  }
  return out;
}

double speaking_rate_syllables_per_s(int syllables, double speech_duration_s) {
  return syllables > 0 && speech_duration_s > 0 ? syllables / speech_duration_s : 0.0;
}

}  // namespace echoes::quality
