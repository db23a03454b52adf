#include "voice/pitch_marks.h"

#include <algorithm>
#include <cmath>

#include "audio/biquad.h"

namespace echoes::voice {
namespace {

/// F0 at sample n from the track (0 = unvoiced), nearest frame.
double f0_at(const audio::PitchTrack& track, std::size_t n, int rate_hz) {
  if (track.f0_hz.empty()) return 0.0;
  const double t = double(n) / rate_hz;
  const auto frame = static_cast<std::size_t>(std::lround(t / track.hop_s));
  return track.f0_hz[std::min(frame, track.f0_hz.size() - 1)];
}

/// +1 when positive peaks of the low-passed voiced signal dominate, -1 otherwise.
float dominant_polarity(const std::vector<float>& lp) {
  float max_pos = 0.0f, max_neg = 0.0f;
  for (float v : lp) {
    max_pos = std::max(max_pos, v);
    max_neg = std::max(max_neg, -v);
  }
  return max_pos >= max_neg ? 1.0f : -1.0f;
}

}  // namespace

PitchMarks find_pitch_marks(const audio::Audio& audio, const audio::PitchTrack& track,
                            const PitchMarkOptions& options) {
  PitchMarks marks;
  const std::size_t n = audio.samples.size();
  if (n == 0 || audio.rate_hz <= 0) return marks;
  const int rate = audio.rate_hz;
  std::vector<float> lp = audio.samples;
  const double cutoff = std::min(options.lowpass_hz, 0.45 * rate);
  const auto sections = audio::butterworth_lowpass(4, cutoff, rate);
  audio::filter_in_place(lp, sections);
  const float polarity = dominant_polarity(lp);
  const auto unvoiced_step = std::max<std::size_t>(1, std::lround(options.unvoiced_step_s * rate));
  const auto min_gap = std::max<std::size_t>(1, rate / 1000);

  std::size_t pos = 0;
  bool previous_voiced = false;
  while (pos < n) {
    marks.samples.push_back(static_cast<std::int32_t>(pos));
    marks.voiced.push_back(previous_voiced ? 1 : 0);
    const double f0 = f0_at(track, pos, rate);
    if (f0 <= 0.0) {
      pos += unvoiced_step;
      previous_voiced = false;
      continue;
    }
    const double period = rate / f0;
    // From an unvoiced mark, search a whole period ahead for the first cycle peak.
    const double lo_off = previous_voiced ? (1.0 - options.search_fraction) * period : 0.5 * min_gap;
    const double hi_off = previous_voiced ? (1.0 + options.search_fraction) * period : period;
    const std::size_t lo = pos + std::max<std::size_t>(min_gap, std::lround(lo_off));
    const std::size_t hi = std::min(n, pos + std::max<std::size_t>(min_gap + 1, std::lround(hi_off)));
    if (lo >= hi) break;
    std::size_t best = lo;
    for (std::size_t i = lo; i < hi; ++i) {
      if (polarity * lp[i] > polarity * lp[best]) best = i;
    }
    pos = best;
    previous_voiced = f0_at(track, pos, rate) > 0.0;
  }
  // The voiced flag of a mark says whether it sits on a cycle peak: set above when the
  // mark was reached by a voiced search; fix the first entry (always a plain start mark).
  if (!marks.voiced.empty()) marks.voiced[0] = 0;
  return marks;
}

}  // namespace echoes::voice
