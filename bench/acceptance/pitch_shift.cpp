#include "acceptance/pitch_shift.h"

#include <cmath>

#include "audio/resample.h"
#include "common/error.h"

namespace echoes::eval {

audio::Audio shift_pitch_by_resampling(const audio::Audio& audio, double semitones) {
  if (audio.rate_hz <= 0 || std::fabs(semitones) > 24.0) {
    throw Error(error_code::kInvalidArgument, "Pitch shifts need a valid rate and at most 24 semitones.");
  }
  // Resampling to rate / ratio and playing back at rate speeds everything up by ratio.
  const double ratio = std::pow(2.0, semitones / 12.0);
  const int target_rate_hz = static_cast<int>(std::lround(audio.rate_hz / ratio));
  return {audio::resample(audio.samples, audio.rate_hz, target_rate_hz), audio.rate_hz};
}

}  // namespace echoes::eval
