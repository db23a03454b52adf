#include "server/synthesis_format.h"

#include <cstdint>

#include "audio/encode.h"
#include "common/error.h"

namespace echoes::server {
namespace {

void put_u32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

void put_u16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value & 0xFF));
  out.push_back(static_cast<char>(value >> 8));
}

std::string streaming_wav_header(int rate_hz) {
  std::string header = "RIFF";
  put_u32(header, 0xFFFFFFFFu);
  header += "WAVEfmt ";
  put_u32(header, 16);
  put_u16(header, 1);  // PCM
  put_u16(header, 1);  // mono
  put_u32(header, static_cast<std::uint32_t>(rate_hz));
  put_u32(header, static_cast<std::uint32_t>(rate_hz) * 2);
  put_u16(header, 2);
  put_u16(header, 16);
  header += "data";
  put_u32(header, 0xFFFFFFFFu);
  return header;
}

std::string as_string(const std::vector<std::uint8_t>& bytes) { return std::string(bytes.begin(), bytes.end()); }

}  // namespace

std::optional<SynthesisFormat> synthesis_format_named(std::string_view name) {
  if (name == "wav") return SynthesisFormat::wav;
  if (name == "pcm16" || name == "pcm") return SynthesisFormat::pcm16;
  if (name == "flac") return SynthesisFormat::flac;
  if (name == "mp3") return SynthesisFormat::mp3;
  if (name == "opus") return SynthesisFormat::opus;
  return std::nullopt;
}

SynthesisFormat parse_synthesis_format(std::string_view name) {
  const auto format = synthesis_format_named(name);
  if (!format) throw Error(error_code::kInvalidArgument, "'format' must be wav, pcm16, flac, mp3 or opus.");
  return *format;
}

bool is_streamable(SynthesisFormat format) {
  return format == SynthesisFormat::wav || format == SynthesisFormat::pcm16;
}

std::string content_type_for(SynthesisFormat format, int rate_hz) {
  switch (format) {
    case SynthesisFormat::wav: return "audio/wav";
    case SynthesisFormat::flac: return "audio/flac";
    case SynthesisFormat::mp3: return "audio/mpeg";
    case SynthesisFormat::opus: return "audio/ogg; codecs=opus";
    case SynthesisFormat::pcm16: break;
  }
  return "audio/L16; rate=" + std::to_string(rate_hz) + "; channels=1";
}

std::string encode_for_format(const audio::Audio& audio, SynthesisFormat format) {
  switch (format) {
    case SynthesisFormat::wav: return as_string(audio::encode_wav_pcm16(audio));
    case SynthesisFormat::flac: return as_string(audio::encode_flac(audio));
    case SynthesisFormat::mp3: return as_string(audio::encode_mp3(audio));
    case SynthesisFormat::opus: return as_string(audio::encode_ogg_opus(audio));
    case SynthesisFormat::pcm16: break;
  }
  return as_string(audio::encode_pcm16_raw(audio));
}

std::string encode_stream_chunk(const audio::Audio& chunk, SynthesisFormat format, bool first) {
  std::string bytes = first && format == SynthesisFormat::wav ? streaming_wav_header(chunk.rate_hz) : "";
  bytes += as_string(audio::encode_pcm16_raw(chunk));
  return bytes;
}

}  // namespace echoes::server
