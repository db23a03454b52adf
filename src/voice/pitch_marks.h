#pragma once
// Pitch marks (epochs) for pitch-synchronous overlap-add: one mark per glottal cycle in
// voiced speech, evenly spaced marks in unvoiced stretches.
//
// Method: the F0 track says where speech is voiced and how long a period is; each mark
// is placed on the largest peak of a low-passed copy of the signal (dominant polarity)
// within +-30% of one period after the previous mark, so marks sit at the same phase of
// every cycle and grains from different recordings line up when overlap-added.
#include <cstdint>
#include <vector>

#include "audio/audio.h"
#include "audio/pitch.h"

namespace echoes::voice {

struct PitchMarkOptions {
  double unvoiced_step_s = 0.005;  ///< spacing of marks where the track is unvoiced, seconds
  double lowpass_hz = 900.0;       ///< cutoff of the low-pass used to find cycle peaks, Hz
  double search_fraction = 0.3;    ///< search +-this fraction of a period around the expected mark
};

struct PitchMarks {
  std::vector<std::int32_t> samples;  ///< mark positions, sample indices, increasing
  std::vector<std::uint8_t> voiced;   ///< 1 for glottal-cycle marks, 0 for unvoiced marks
};

/// Marks over `audio` given its F0 `track` (any hop). Returns marks covering the whole
/// signal (the first at or near sample 0), spaced at least 1 ms apart.
PitchMarks find_pitch_marks(const audio::Audio& audio, const audio::PitchTrack& track,
                            const PitchMarkOptions& options = {});

}  // namespace echoes::voice
