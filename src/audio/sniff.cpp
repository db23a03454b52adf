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
  std::uint64_t offset = 12;
  while (offset + 8 <= bytes.size()) {
    const std::uint8_t* header = bytes.data() + offset;
    const std::uint32_t size = read_le32(header + 4);
    const std::uint64_t payload = offset + 8;
    if (std::memcmp(header, "data", 4) == 0) {
      return WavDataExtent{true, size, bytes.size() - payload};
    }
    offset = payload + size + (size & 1u);  // chunks are padded to even sizes
  }
  return WavDataExtent{};
}

}  // namespace echoes::audio
