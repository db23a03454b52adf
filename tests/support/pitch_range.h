#pragma once
// F0 range of a clip, as the intonation test and bench measure it (header-only: the support
// library does not link the audio code; its users do).
#include <algorithm>
#include <cmath>
#include <vector>

#include "audio/pitch.h"

namespace echoes::testing {

/// 5th to 95th percentile of the voiced frames' F0 (audio::track_pitch defaults), semitones;
/// 0 with fewer than 10 voiced frames.
inline double f0_range_semitones(const audio::Audio& clip) {
  const audio::PitchTrack track = audio::track_pitch(clip);
  std::vector<double> semitones;
  for (float f : track.f0_hz) {
    if (f > 0) semitones.push_back(12.0 * std::log2(f));
  }
  if (semitones.size() < 10) return 0.0;
  std::sort(semitones.begin(), semitones.end());
  return semitones[semitones.size() * 95 / 100] - semitones[semitones.size() * 5 / 100];
}

}  // namespace echoes::testing
