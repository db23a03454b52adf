#pragma once
// Encoding mono float audio to 16-bit WAV, FLAC or raw PCM (lossless), or to MP3 or Ogg Opus
// (lossy, through libsndfile 1.1+'s LAME and libopus support), in memory or to a file.
//
// Quantisation: each sample is clamped to [-1, 1], multiplied by 32768, rounded to nearest
// and clamped to [-32768, 32767]. This is the exact inverse of libsndfile's (and the
// decoder's) int16 -> float mapping (n / 32768), so decode(encode(x)) reproduces any x that
// came from 16-bit audio, and every other x is within half an LSB (1.5e-5 FS).
#include <cstdint>
#include <filesystem>
#include <span>
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

/// Sample rates an MP3 (MPEG-1, -2 or -2.5 Layer III) stream can carry, and those Opus can.
inline constexpr int kMp3RatesHz[] = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
inline constexpr int kOpusRatesHz[] = {8000, 12000, 16000, 24000, 48000};

/// Encodes `audio` as MP3 (libsndfile's LAME defaults, variable bit rate). A rate MP3 cannot
/// carry is first resampled to the next one up (22,050 Hz speech stays at 22,050 Hz).
/// Throws echoes::Error(invalid_argument) if audio.rate_hz is not positive.
std::vector<std::uint8_t> encode_mp3(const Audio& audio);

/// Encodes `audio` as Opus in an Ogg container (RFC 7845). Opus takes only the rates in
/// kOpusRatesHz, so other rates are resampled to the next one up (22,050 Hz -> 24,000 Hz).
/// Throws echoes::Error(invalid_argument) if audio.rate_hz is not positive.
std::vector<std::uint8_t> encode_ogg_opus(const Audio& audio);

/// The rate `rate_hz` is stored at by a codec that takes only `allowed_hz` (ascending): the
/// smallest allowed rate at or above it, or the largest allowed one if it is above them all.
int codec_rate_hz(int rate_hz, std::span<const int> allowed_hz);

/// Encodes `audio` as headerless 16-bit signed little-endian PCM: 2 bytes per sample.
std::vector<std::uint8_t> encode_pcm16_raw(const Audio& audio);

/// Encodes `audio` in `format` and writes it to `path` (plain write, not atomic).
/// Throws echoes::Error(internal) if the file cannot be written.
void write_audio_file(const std::filesystem::path& path, const Audio& audio,
                      AudioFileFormat format);

}  // namespace echoes::audio
