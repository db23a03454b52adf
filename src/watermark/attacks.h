#pragma once
// Degradations a watermark must survive, for robustness tests and benchmarks: 16-bit
// requantisation, resampling, gain, and lossy MP3 / Opus round trips through libsndfile.
#include <string>

#include "audio/audio.h"

namespace echoes::watermark {

enum class LossyCodec { mp3, opus };

/// A lossy round trip's output and the bitrate the encoder actually produced.
struct LossyResult {
  audio::Audio audio;          ///< decoded, at 22,050 Hz
  double actual_kbps = 0.0;    ///< encoded bytes * 8 / duration / 1000
};

/// Rounds every sample to 16-bit PCM and back (what saving a WAV does).
audio::Audio requantize_pcm16(const audio::Audio& clip);

/// Multiplies every sample by 10^(gain_db / 20) (no clipping: float audio).
audio::Audio apply_gain_db(const audio::Audio& clip, double gain_db);

/// Resamples to `rate_hz` (soxr high quality).
audio::Audio resample_to(const audio::Audio& clip, int rate_hz);

/// Encodes `clip` with `codec` at about `bitrate_kbps` constant bitrate (MP3 at the clip's
/// rate; Opus at 24 kHz, the nearest rate Opus takes) and decodes it back to 22,050 Hz.
/// Throws echoes::Error(internal) when libsndfile cannot encode.
LossyResult lossy_round_trip(const audio::Audio& clip, LossyCodec codec, int bitrate_kbps);

std::string codec_name(LossyCodec codec);

}  // namespace echoes::watermark
