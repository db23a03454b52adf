#pragma once
// Cheap byte-level checks made before handing an upload to libsndfile: containers that
// libsndfile cannot read (so the person gets a precise message instead of "not audio"),
// and WAV files whose data chunk is cut short (libsndfile silently clamps those).
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace echoes::audio {

/// If `bytes` start like a known audio/video container that Echoes does not decode
/// (WebM/Matroska, MP4/M4A/3GP, ASF/WMA, AMR), returns a plain-language message naming it
/// and the accepted formats; otherwise std::nullopt.
std::optional<std::string> unsupported_container_message(std::span<const std::uint8_t> bytes);

/// Where a RIFF/WAVE file's 'data' chunk stands against the file's real length.
struct WavDataExtent {
  bool data_header_found = false;    ///< a complete 8-byte 'data' chunk header is present
  std::uint64_t declared_bytes = 0;  ///< size field of the 'data' chunk header, bytes
  std::uint64_t present_bytes = 0;   ///< bytes the file actually holds after that header
  /// 0xFFFFFFFF is the placeholder streaming writers use for "unknown, read to the end".
  bool open_ended() const { return declared_bytes == 0xFFFFFFFFu; }
  /// True when the file ends before its data chunk header, or the header promises more
  /// audio than the file holds.
  bool truncated() const {
    return !data_header_found || (!open_ended() && declared_bytes > present_bytes);
  }
};

/// For a RIFF/WAVE file of PCM or float samples (plain or WAVE_FORMAT_EXTENSIBLE) whose
/// 'fmt ' chunk contradicts itself, a plain-language message saying how: no channels,
/// bits per sample other than 8/16/24/32 (PCM) or 32/64 (float), a block size other than
/// channels x bytes per sample, or a byte rate other than sample rate x block size
/// (libsndfile guesses its way through some of these and reports a wrong length).
/// std::nullopt otherwise, and for other encodings, which the decoder judges.
std::optional<std::string> wav_format_problem(std::span<const std::uint8_t> bytes);

/// Walks the RIFF chunk list of a little-endian WAV ("RIFF"...."WAVE") up to the 'data'
/// chunk. Returns std::nullopt for files that do not start like a RIFF/WAVE file.
std::optional<WavDataExtent> wav_data_extent(std::span<const std::uint8_t> bytes);

}  // namespace echoes::audio
