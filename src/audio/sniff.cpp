#include "audio/sniff.h"

#include <cstring>

namespace echoes::audio {
namespace {

bool starts_with(std::span<const std::uint8_t> bytes, std::size_t offset, const char* magic,
                 std::size_t length) {
  return bytes.size() >= offset + length &&
         std::memcmp(bytes.data() + offset, magic, length) == 0;
}

std::uint32_t read_le32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

std::uint16_t read_le16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

struct Chunk {
  std::uint64_t offset = 0;  // of the payload, after the 8-byte chunk header
  std::uint32_t size = 0;    // as declared
};

// The first chunk named `id` of a RIFF/WAVE file, walking the list from the start; stops
// at 'data' (nothing after it is read). std::nullopt when absent or not a WAV file.
std::optional<Chunk> find_wav_chunk(std::span<const std::uint8_t> bytes, const char* id) {
  if (!starts_with(bytes, 0, "RIFF", 4) || !starts_with(bytes, 8, "WAVE", 4)) return std::nullopt;
  std::uint64_t offset = 12;
  while (offset + 8 <= bytes.size()) {
    const std::uint8_t* header = bytes.data() + offset;
    const Chunk chunk{offset + 8, read_le32(header + 4)};
    if (std::memcmp(header, id, 4) == 0) return chunk;
    if (std::memcmp(header, "data", 4) == 0) return std::nullopt;
    offset = chunk.offset + chunk.size + (chunk.size & 1u);  // chunks are padded to even sizes
  }
  return std::nullopt;
}

constexpr std::uint16_t kWavePcm = 1;
constexpr std::uint16_t kWaveFloat = 3;
constexpr std::uint16_t kWaveExtensible = 0xFFFE;

std::string header_problem(const std::string& what) { return "The WAV header is inconsistent: " + what + "."; }

std::optional<std::string> sample_layout_problem(std::uint16_t format, std::uint16_t channels, std::uint32_t rate_hz,
                                                 std::uint32_t byte_rate, std::uint16_t block_align,
                                                 std::uint16_t bits) {
  const bool pcm_bits = bits == 8 || bits == 16 || bits == 24 || bits == 32;
  const bool float_bits = bits == 32 || bits == 64;
  if (channels == 0) return header_problem("it declares no channels");
  if (format == kWavePcm && !pcm_bits) {
    return header_problem("it declares " + std::to_string(bits) + " bits per sample; PCM uses 8, 16, 24 or 32");
  }
  if (format == kWaveFloat && !float_bits) {
    return header_problem("it declares " + std::to_string(bits) + " bits per float sample; floats use 32 or 64");
  }
  const std::uint32_t frame_bytes = static_cast<std::uint32_t>(channels) * (bits / 8);
  if (block_align != frame_bytes) {
    return header_problem("its block size is " + std::to_string(block_align) + " bytes, but " +
                          std::to_string(channels) + " channel(s) of " + std::to_string(bits) + " bits take " +
                          std::to_string(frame_bytes));
  }
  if (static_cast<std::uint64_t>(byte_rate) != static_cast<std::uint64_t>(rate_hz) * block_align) {
    return header_problem("its byte rate " + std::to_string(byte_rate) + " does not match " +
                          std::to_string(rate_hz) + " Hz x " + std::to_string(block_align) + " bytes per frame");
  }
  return std::nullopt;
}

std::string not_supported(const std::string& what) {
  return what + " is not supported: send WAV/FLAC/OGG/MP3";
}

}  // namespace

std::optional<std::string> unsupported_container_message(std::span<const std::uint8_t> bytes) {
  // EBML header: both WebM (what browsers' MediaRecorder produces) and Matroska.
  if (starts_with(bytes, 0, "\x1A\x45\xDF\xA3", 4)) return not_supported("WebM");
  if (starts_with(bytes, 4, "ftyp", 4)) return not_supported("MP4/M4A (AAC)");
  if (starts_with(bytes, 0, "\x30\x26\xB2\x75\x8E\x66\xCF\x11", 8)) {
    return not_supported("WMA/ASF");
  }
  if (starts_with(bytes, 0, "#!AMR", 5)) return not_supported("AMR");
  return std::nullopt;
}

std::optional<WavDataExtent> wav_data_extent(std::span<const std::uint8_t> bytes) {
  if (!starts_with(bytes, 0, "RIFF", 4) || !starts_with(bytes, 8, "WAVE", 4)) return std::nullopt;
  const auto data = find_wav_chunk(bytes, "data");
  if (!data) return WavDataExtent{};
  return WavDataExtent{true, data->size, bytes.size() - data->offset};
}

std::optional<std::string> wav_format_problem(std::span<const std::uint8_t> bytes) {
  const auto fmt = find_wav_chunk(bytes, "fmt ");
  if (!fmt || fmt->size < 16 || fmt->offset + 16 > bytes.size()) return std::nullopt;
  const std::uint8_t* p = bytes.data() + fmt->offset;
  std::uint16_t format = read_le16(p);
  if (format == kWaveExtensible && fmt->size >= 40 && fmt->offset + 26 <= bytes.size()) {
    format = read_le16(p + 24);  // the sub-format GUID starts with the format tag
  }
  if (format != kWavePcm && format != kWaveFloat) return std::nullopt;  // the decoder judges the rest
  return sample_layout_problem(format, read_le16(p + 2), read_le32(p + 4), read_le32(p + 8), read_le16(p + 12),
                               read_le16(p + 14));
}

}  // namespace echoes::audio
