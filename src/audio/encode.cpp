#include "audio/encode.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>

#include "audio/resample.h"
#include "audio/sndfile_io.h"
#include "common/error.h"

namespace echoes::audio {
namespace {

std::vector<std::int16_t> quantise(const std::vector<float>& samples) {
  std::vector<std::int16_t> pcm(samples.size());
  std::transform(samples.begin(), samples.end(), pcm.begin(), to_pcm16);
  return pcm;
}

void require_positive_rate(const Audio& audio) {
  if (audio.rate_hz <= 0) {
    throw Error(error_code::kInvalidArgument, "Audio to encode must have a positive sample rate.");
  }
}

// Encodes through libsndfile into memory; `format` is a full SF_FORMAT_* major|minor value.
std::vector<std::uint8_t> encode_with_sndfile(const Audio& audio, int format) {
  require_positive_rate(audio);
  SF_INFO info{};
  info.samplerate = audio.rate_hz;
  info.channels = 1;
  info.format = format;
  if (!sf_format_check(&info)) {
    throw Error(error_code::kInvalidArgument,
                "The sample rate " + std::to_string(audio.rate_hz) +
                    " Hz cannot be stored in this audio format.");
  }
  detail::MemoryWriter writer;
  SF_VIRTUAL_IO io = detail::memory_writer_io();
  {
    std::unique_ptr<SNDFILE, detail::SndfileCloser> file(
        sf_open_virtual(&io, SFM_WRITE, &info, &writer));
    if (!file) {
      throw Error(error_code::kInternal,
                  std::string("Could not start encoding audio: ") + sf_strerror(nullptr));
    }
    const std::vector<std::int16_t> pcm = quantise(audio.samples);
    const auto frames = static_cast<sf_count_t>(pcm.size());
    if (sf_writef_short(file.get(), pcm.data(), frames) != frames) {
      throw Error(error_code::kInternal,
                  std::string("Encoding audio failed: ") + sf_strerror(file.get()));
    }
  }  // closing finalises headers (sizes, FLAC STREAMINFO)
  return std::move(writer.bytes);
}

// `audio` at the rate a codec taking only `allowed_hz` stores it at.
Audio at_codec_rate(const Audio& audio, std::span<const int> allowed_hz) {
  const int rate_hz = codec_rate_hz(audio.rate_hz, allowed_hz);
  if (rate_hz == audio.rate_hz) return audio;
  return Audio{resample(audio.samples, audio.rate_hz, rate_hz), rate_hz};
}

}  // namespace

std::int16_t to_pcm16(float sample) {
  // NaN compares false everywhere: map it to 0 rather than to an extreme.
  const float clamped = std::isnan(sample) ? 0.0f : std::clamp(sample, -1.0f, 1.0f);
  const long value = std::lround(static_cast<double>(clamped) * 32768.0);
  return static_cast<std::int16_t>(std::clamp<long>(value, -32768, 32767));
}

std::vector<std::uint8_t> encode_wav_pcm16(const Audio& audio) {
  return encode_with_sndfile(audio, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
}

std::vector<std::uint8_t> encode_flac(const Audio& audio) {
  return encode_with_sndfile(audio, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
}

int codec_rate_hz(int rate_hz, std::span<const int> allowed_hz) {
  const auto at_or_above = std::lower_bound(allowed_hz.begin(), allowed_hz.end(), rate_hz);
  return at_or_above == allowed_hz.end() ? allowed_hz.back() : *at_or_above;
}

std::vector<std::uint8_t> encode_mp3(const Audio& audio) {
  require_positive_rate(audio);
  return encode_with_sndfile(at_codec_rate(audio, kMp3RatesHz), SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III);
}

std::vector<std::uint8_t> encode_ogg_opus(const Audio& audio) {
  require_positive_rate(audio);
  return encode_with_sndfile(at_codec_rate(audio, kOpusRatesHz), SF_FORMAT_OGG | SF_FORMAT_OPUS);
}

std::vector<std::uint8_t> encode_pcm16_raw(const Audio& audio) {
  std::vector<std::uint8_t> bytes(audio.samples.size() * 2);
  for (std::size_t i = 0; i < audio.samples.size(); ++i) {
    const auto value = static_cast<std::uint16_t>(to_pcm16(audio.samples[i]));
    bytes[2 * i] = static_cast<std::uint8_t>(value & 0xFF);
    bytes[2 * i + 1] = static_cast<std::uint8_t>(value >> 8);
  }
  return bytes;
}

void write_audio_file(const std::filesystem::path& path, const Audio& audio,
                      AudioFileFormat format) {
  std::vector<std::uint8_t> bytes;
  switch (format) {
    case AudioFileFormat::wav_pcm16: bytes = encode_wav_pcm16(audio); break;
    case AudioFileFormat::flac_pcm16: bytes = encode_flac(audio); break;
    case AudioFileFormat::raw_pcm16: bytes = encode_pcm16_raw(audio); break;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw Error(error_code::kInternal, "Could not write the audio file.");
}

}  // namespace echoes::audio
