#pragma once
// Decoding uploaded recordings (WAV, FLAC, OGG Vorbis/Opus, MP3 and the other formats
// libsndfile reads) to mono float audio at Echoes' working rate.
//
// The encoded bytes are only read, never modified: callers keep the original upload byte for
// byte and work on the decoded copy.
//
// Errors (echoes::Error codes, messages in plain language without paths):
//   empty_audio        0 bytes, or a valid file holding 0 sample frames.
//   too_large          more bytes than DecodeOptions::max_bytes (checked before decoding).
//   too_long           longer than DecodeOptions::max_duration_s (checked from the header
//                      before decoding, and again while decoding when the header has no
//                      exact length).
//   unsupported_format a recognised container Echoes does not read (WebM/Matroska,
//                      MP4/M4A, WMA, AMR), an encoding libsndfile cannot decode, a sample
//                      rate outside [kMinSourceRateHz, kMaxSourceRateHz] or a channel count
//                      outside [1, kMaxChannels].
//   invalid_audio      not audio, corrupt, truncated, or holding NaN/infinite samples.
//
// Truncation policy: a file counts as truncated when
//   - a WAV 'data' chunk header declares more bytes than the file holds (libsndfile would
//     silently clamp; 0xFFFFFFFF, the streaming "unknown size" placeholder, is accepted);
//   - an exact-length format (PCM in any container, FLAC) decodes fewer frames than its
//     header declares;
//   - a lossy stream (MP3, Vorbis, Opus) decodes more than 2% (and more than 2304 frames)
//     short of its header's frame count, which for these formats is an estimate.
// A truncated upload is rejected rather than silently shortened, so a cut-off transfer never
// becomes a shorter "valid" take.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "audio/audio.h"
#include "audio/resample.h"

namespace echoes::audio {

/// Source sample rates accepted by decode_audio, Hz (inclusive).
inline constexpr int kMinSourceRateHz = 8000;
inline constexpr int kMaxSourceRateHz = 192000;
/// Largest accepted channel count.
inline constexpr int kMaxChannels = 64;

struct DecodeOptions {
  std::size_t max_bytes = 50 * 1000 * 1000;  ///< cap on the encoded size, bytes (50 MB)
  double max_duration_s = 600.0;             ///< cap on the audio duration, seconds (10 min)
  int target_rate_hz = kWorkingRateHz;       ///< rate of DecodedAudio::audio, Hz
  ResampleQuality quality = ResampleQuality::high;  ///< resampler recipe
};

struct DecodedAudio {
  Audio audio;                 ///< mono (average of all channels) at target_rate_hz
  int source_rate_hz = 0;      ///< sample rate of the upload, Hz
  int source_channels = 0;     ///< channel count of the upload
  std::int64_t source_frames = 0;  ///< sample frames decoded from the upload
  std::string container;       ///< "wav", "flac", "ogg", "mp3", "aiff", ... (lower case)
  std::string encoding;        ///< "pcm8", "pcm16", "pcm24", "pcm32", "float32", "float64",
                               ///< "vorbis", "opus", "mp3", "ulaw", "alaw", ... or "other"
  double source_duration_s = 0.0;  ///< source_frames / source_rate_hz, seconds
};

/// Decodes an encoded recording held in memory (read through libsndfile's virtual I/O),
/// downmixes it to mono by averaging the channels, and resamples it to
/// options.target_rate_hz. Integer PCM maps to [-1, 1); float files keep their values.
/// Decodes and resamples block by block, so memory stays near the size of the output.
/// Throws echoes::Error as described at the top of this header.
DecodedAudio decode_audio(std::span<const std::uint8_t> bytes, const DecodeOptions& options = {});

/// Same as decode_audio for a file on disk. The size cap is checked before the file is read.
/// Throws echoes::Error(not_found) when the file cannot be opened.
DecodedAudio decode_audio_file(const std::filesystem::path& path,
                               const DecodeOptions& options = {});

}  // namespace echoes::audio
