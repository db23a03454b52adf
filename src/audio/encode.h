#pragma once
// Encoding mono float audio to 16-bit WAV, FLAC or raw PCM, in memory or to a file.
//
// Quantisation: each sample is clamped to [-1, 1], multiplied by 32768, rounded to nearest
// and clamped to [-32768, 32767]. This is the exact inverse of libsndfile's (and the
// decoder's) int16 -> float mapping (n / 32768), so decode(encode(x)) reproduces any x that
// came from 16-bit audio, and every other x is within half an LSB (1.5e-5 FS).
#include <cstdint>
#include <filesystem>
#include <vector>

#include "audio/audio.h"

namespace echoes::audio {

enum class AudioFileFormat {
  wav_pcm16,   ///< RIFF/WAVE, 16-bit signed little-endian PCM, mono
  flac_pcm16,  ///< native FLAC, 16-bit, mono
  raw_pcm16,   ///< headerless 16-bit signed little-endian PCM, mono
};

/// The 16-bit value a float sample encodes to (see the quantisation note above).
std::int16_t to_pcm16(float sample);

/// Encodes `audio` (mono, samples in [-1, 1], rate audio.rate_hz) as a 16-bit PCM WAV file.
/// Throws echoes::Error(invalid_argument) if audio.rate_hz is not positive.
std::vector<std::uint8_t> encode_wav_pcm16(const Audio& audio);

/// Encodes `audio` as a 16-bit FLAC file (lossless for 16-bit content).
/// Throws echoes::Error(invalid_argument) if the rate is not one FLAC can store (1..655350 Hz).
std::vector<std::uint8_t> encode_flac(const Audio& audio);

/// Encodes `audio` as headerless 16-bit signed little-endian PCM: 2 bytes per sample.
std::vector<std::uint8_t> encode_pcm16_raw(const Audio& audio);

/// Encodes `audio` in `format` and writes it to `path` (plain write, not atomic).
/// Throws echoes::Error(internal) if the file cannot be written.
void write_audio_file(const std::filesystem::path& path, const Audio& audio,
                      AudioFileFormat format);

}  // namespace echoes::audio
