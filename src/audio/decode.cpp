#include "audio/decode.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include "audio/sndfile_io.h"
#include "audio/sniff.h"
#include "common/error.h"

namespace echoes::audio {
namespace {

using SndfilePtr = std::unique_ptr<SNDFILE, detail::SndfileCloser>;

// Frames read per libsndfile call: large enough to amortise calls, small enough that the
// interleaved block of a 64-channel file stays a few MB.
constexpr sf_count_t kBlockFrames = 8192;

const char* kAcceptedFormats = "Send WAV, FLAC, OGG (Vorbis or Opus) or MP3.";

std::string megabytes(std::size_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

std::string container_name(int format) {
  switch (format & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX: return "wav";
    case SF_FORMAT_RF64: return "rf64";
    case SF_FORMAT_W64: return "w64";
    case SF_FORMAT_FLAC: return "flac";
    case SF_FORMAT_OGG: return "ogg";
    case SF_FORMAT_MPEG: return (format & SF_FORMAT_SUBMASK) == SF_FORMAT_MPEG_LAYER_III ? "mp3" : "mpeg";
    case SF_FORMAT_AIFF: return "aiff";
    case SF_FORMAT_AU: return "au";
    case SF_FORMAT_CAF: return "caf";
    default: break;
  }
  SF_FORMAT_INFO info{};
  info.format = format & SF_FORMAT_TYPEMASK;
  if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof info) == 0 && info.extension) {
    return info.extension;
  }
  return "other";
}

std::string encoding_name(int format) {
  switch (format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_PCM_U8: return "pcm8";
    case SF_FORMAT_PCM_16: return "pcm16";
    case SF_FORMAT_PCM_24: return "pcm24";
    case SF_FORMAT_PCM_32: return "pcm32";
    case SF_FORMAT_FLOAT: return "float32";
    case SF_FORMAT_DOUBLE: return "float64";
    case SF_FORMAT_ULAW: return "ulaw";
    case SF_FORMAT_ALAW: return "alaw";
    case SF_FORMAT_IMA_ADPCM: return "ima_adpcm";
    case SF_FORMAT_MS_ADPCM: return "ms_adpcm";
    case SF_FORMAT_GSM610: return "gsm610";
    case SF_FORMAT_VORBIS: return "vorbis";
    case SF_FORMAT_OPUS: return "opus";
    case SF_FORMAT_MPEG_LAYER_I: return "mp1";
    case SF_FORMAT_MPEG_LAYER_II: return "mp2";
    case SF_FORMAT_MPEG_LAYER_III: return "mp3";
    case SF_FORMAT_ALAC_16:
    case SF_FORMAT_ALAC_20:
    case SF_FORMAT_ALAC_24:
    case SF_FORMAT_ALAC_32: return "alac";
    default: return "other";
  }
}

// Lossy codecs report an estimated length; their short reads get a tolerance.
bool lossy(int format) {
  switch (format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_VORBIS:
    case SF_FORMAT_OPUS:
    case SF_FORMAT_MPEG_LAYER_I:
    case SF_FORMAT_MPEG_LAYER_II:
    case SF_FORMAT_MPEG_LAYER_III: return true;
    default: return false;
  }
}

bool frames_known(const SF_INFO& info) {
  return info.frames > 0 && info.frames < std::numeric_limits<sf_count_t>::max();
}

Error too_large(std::size_t bytes, std::size_t cap) {
  return Error(error_code::kTooLarge,
               "The recording is " + megabytes(bytes) + ", over the " + megabytes(cap) + " limit.");
}

Error wav_truncated(const WavDataExtent& wav) {
  if (!wav.data_header_found) {
    return Error(error_code::kInvalidAudio,
                 "The WAV file is cut short or damaged: it ends before its audio data begins.");
  }
  char text[160];
  std::snprintf(text, sizeof text,
                "The WAV file is cut short: it holds only %.1f%% of the audio its header "
                "announces. Upload the complete recording.",
                100.0 * static_cast<double>(wav.present_bytes) / static_cast<double>(wav.declared_bytes));
  return Error(error_code::kInvalidAudio, text);
}

// Checks that need only the bytes: size, containers libsndfile cannot read, WAV headers
// that contradict themselves, cut WAV data.
void check_bytes(std::span<const std::uint8_t> bytes, const DecodeOptions& options) {
  if (bytes.empty()) throw Error(error_code::kEmptyAudio, "The upload is empty (0 bytes).");
  if (bytes.size() > options.max_bytes) throw too_large(bytes.size(), options.max_bytes);
  if (auto message = unsupported_container_message(bytes)) {
    throw Error(error_code::kUnsupportedFormat, *message);
  }
  if (auto problem = wav_format_problem(bytes)) throw Error(error_code::kUnsupportedFormat, *problem);
  if (auto wav = wav_data_extent(bytes); wav && wav->truncated()) throw wav_truncated(*wav);
}

SndfilePtr open_sndfile(detail::MemoryReader& reader, SF_INFO& info) {
  SF_VIRTUAL_IO io = detail::memory_reader_io();
  info = SF_INFO{};
  int err = SF_ERR_NO_ERROR;
  SNDFILE* file = nullptr;
  {
    // libsndfile reports open failures through one process-wide errno: serialise opens so
    // concurrent uploads cannot read each other's error.
    static std::mutex open_mutex;
    std::lock_guard<std::mutex> lock(open_mutex);
    file = sf_open_virtual(&io, SFM_READ, &info, &reader);
    if (!file) err = sf_error(nullptr);
  }
  if (file) return SndfilePtr(file);
  if (err == SF_ERR_UNSUPPORTED_ENCODING) {
    throw Error(error_code::kUnsupportedFormat,
                std::string("The file uses an audio encoding Echoes cannot decode. ") +
                    kAcceptedFormats);
  }
  if (err == SF_ERR_MALFORMED_FILE) {
    throw Error(error_code::kInvalidAudio,
                std::string("The audio file is damaged or incomplete and cannot be decoded. ") +
                    kAcceptedFormats);
  }
  throw Error(error_code::kInvalidAudio,
              std::string("The upload is not a recognised audio file. ") + kAcceptedFormats);
}

// Checks on the header: rate, channels, emptiness and (when the length is exact) duration.
void check_header(const SF_INFO& info, const DecodeOptions& options) {
  if (info.samplerate < kMinSourceRateHz || info.samplerate > kMaxSourceRateHz) {
    throw Error(error_code::kUnsupportedFormat,
                "The sample rate " + std::to_string(info.samplerate) +
                    " Hz is not supported: use 8000 to 192000 Hz.");
  }
  if (info.channels < 1 || info.channels > kMaxChannels) {
    throw Error(error_code::kUnsupportedFormat,
                "The file has " + std::to_string(info.channels) +
                    " channels; Echoes accepts 1 to " + std::to_string(kMaxChannels) + ".");
  }
  if (info.frames == 0) {
    throw Error(error_code::kEmptyAudio, "The recording contains no audio samples.");
  }
  if (frames_known(info) &&
      static_cast<double>(info.frames) / info.samplerate > options.max_duration_s) {
    throw Error(error_code::kTooLong,
                "The recording lasts " +
                    seconds_text(static_cast<double>(info.frames) / info.samplerate) +
                    ", over the " + seconds_text(options.max_duration_s) + " limit.");
  }
}

// Averages interleaved frames into mono; rejects NaN/inf, which would poison every analysis.
void downmix(const std::vector<float>& interleaved, sf_count_t frames, int channels,
             std::vector<float>& mono) {
  mono.resize(static_cast<std::size_t>(frames));
  const float scale = 1.0f / static_cast<float>(channels);
  const float* p = interleaved.data();
  bool finite = true;
  for (sf_count_t i = 0; i < frames; ++i, p += channels) {
    float sum = 0.0f;
    for (int c = 0; c < channels; ++c) sum += p[c];
    const float value = channels == 1 ? sum : sum * scale;
    finite &= std::isfinite(value);
    mono[static_cast<std::size_t>(i)] = value;
  }
  if (!finite) {
    throw Error(error_code::kInvalidAudio,
                "The audio file contains invalid sample values (not-a-number or infinity).");
  }
}

// A short read is truncation for exact-length formats; lossy formats only estimate length.
void check_complete(const SF_INFO& info, sf_count_t decoded) {
  if (decoded == 0) {
    throw Error(error_code::kInvalidAudio,
                "No audio could be decoded from the file: it is damaged or incomplete.");
  }
  if (!frames_known(info) || decoded >= info.frames) return;
  const sf_count_t missing = info.frames - decoded;
  const bool tolerated = lossy(info.format) &&
                         (missing <= 2304 || missing * 50 <= info.frames);
  if (tolerated) return;
  char text[160];
  std::snprintf(text, sizeof text,
                "The audio file is cut short: only %.1f%% of the audio its header announces "
                "could be decoded. Upload the complete recording.",
                100.0 * static_cast<double>(decoded) / static_cast<double>(info.frames));
  throw Error(error_code::kInvalidAudio, text);
}

// Reads, downmixes and resamples block by block into `out`; returns the frames decoded.
sf_count_t decode_blocks(SNDFILE* file, const SF_INFO& info, const DecodeOptions& options,
                         std::vector<float>& out) {
  // Enforced while decoding too, for streams whose header length is unknown or estimated.
  const double max_frames = options.max_duration_s * info.samplerate;
  StreamResampler resampler(info.samplerate, options.target_rate_hz, options.quality);
  if (frames_known(info)) {
    out.reserve(resampled_length(static_cast<std::size_t>(info.frames), info.samplerate,
                                 options.target_rate_hz) + 16);
  }
  std::vector<float> interleaved(static_cast<std::size_t>(kBlockFrames) * info.channels);
  std::vector<float> mono;
  sf_count_t decoded = 0;
  for (sf_count_t got; (got = sf_readf_float(file, interleaved.data(), kBlockFrames)) > 0;) {
    decoded += got;
    if (static_cast<double>(decoded) > max_frames) {
      throw Error(error_code::kTooLong, "The recording is longer than the " +
                                            seconds_text(options.max_duration_s) + " limit.");
    }
    downmix(interleaved, got, info.channels, mono);
    resampler.process(mono, out);
  }
  if (sf_error(file) != SF_ERR_NO_ERROR) {
    throw Error(error_code::kInvalidAudio,
                "The audio file is damaged and could not be decoded completely.");
  }
  check_complete(info, decoded);
  resampler.finish(out);
  return decoded;
}

}  // namespace

DecodedAudio decode_audio(std::span<const std::uint8_t> bytes, const DecodeOptions& options) {
  check_bytes(bytes, options);
  detail::MemoryReader reader{bytes, 0};
  SF_INFO info{};
  SndfilePtr file = open_sndfile(reader, info);
  check_header(info, options);

  DecodedAudio out;
  out.source_rate_hz = info.samplerate;
  out.source_channels = info.channels;
  out.container = container_name(info.format);
  out.encoding = encoding_name(info.format);
  out.audio.rate_hz = options.target_rate_hz;
  out.source_frames = decode_blocks(file.get(), info, options, out.audio.samples);
  out.source_duration_s = static_cast<double>(out.source_frames) / info.samplerate;
  return out;
}

DecodedAudio decode_audio_file(const std::filesystem::path& path, const DecodeOptions& options) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw Error(error_code::kNotFound, "The audio file could not be found or opened.");
  if (size > options.max_bytes) throw too_large(size, options.max_bytes);
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint8_t> bytes(size);
  if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
    throw Error(error_code::kNotFound, "The audio file could not be found or opened.");
  }
  return decode_audio(bytes, options);
}

}  // namespace echoes::audio
