#include "watermark/attacks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include <sndfile.h>
#include <unistd.h>

#include "audio/decode.h"
#include "audio/encode.h"
#include "audio/resample.h"
#include "common/error.h"

namespace echoes::watermark {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
struct SndfileCloser {
  void operator()(SNDFILE* file) const { sf_close(file); }
};

// libsndfile maps a compression level in [0, 1] onto each codec's bitrate range (MP3 at
// 16-24 kHz: 160 down to 8 kbps; Opus: 256 kbps per channel down to 6). Measured, see the
// tests: these levels give 64 kbps.
double compression_level(LossyCodec codec, int bitrate_kbps) {
  if (codec == LossyCodec::mp3) return std::clamp((160.0 - bitrate_kbps) / 152.0, 0.0, 1.0);
  return std::clamp((256.0 - bitrate_kbps) / 250.0, 0.0, 1.0);
}

// Encodes into an anonymous temporary file (libsndfile's MP3 and Opus writers seek) and
// returns its bytes.
std::vector<std::uint8_t> encode(const audio::Audio& clip, int format, double level) {
  std::unique_ptr<std::FILE, FileCloser> file(std::tmpfile());
  if (!file) throw Error(error_code::kInternal, "Could not create a temporary file.");
  SF_INFO info{};
  info.samplerate = clip.rate_hz;
  info.channels = 1;
  info.format = format;
  {
    std::unique_ptr<SNDFILE, SndfileCloser> sf(sf_open_fd(fileno(file.get()), SFM_WRITE, &info, SF_FALSE));
    if (!sf) throw Error(error_code::kInternal, std::string("Could not start encoding: ") + sf_strerror(nullptr));
    int mode = SF_BITRATE_MODE_CONSTANT;
    sf_command(sf.get(), SFC_SET_BITRATE_MODE, &mode, sizeof(mode));
    sf_command(sf.get(), SFC_SET_COMPRESSION_LEVEL, &level, sizeof(level));
    const auto frames = static_cast<sf_count_t>(clip.samples.size());
    if (sf_writef_float(sf.get(), clip.samples.data(), frames) != frames) {
      throw Error(error_code::kInternal, std::string("Encoding failed: ") + sf_strerror(sf.get()));
    }
  }
  const int fd = fileno(file.get());
  const off_t size = lseek(fd, 0, SEEK_END);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(std::max<off_t>(size, 0)));
  lseek(fd, 0, SEEK_SET);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t got = read(fd, bytes.data() + done, bytes.size() - done);
    if (got <= 0) throw Error(error_code::kInternal, "Could not read the encoded audio back.");
    done += static_cast<std::size_t>(got);
  }
  return bytes;
}

}  // namespace

audio::Audio requantize_pcm16(const audio::Audio& clip) {
  audio::Audio out = clip;
  for (float& s : out.samples) s = static_cast<float>(audio::to_pcm16(s)) / 32768.0f;
  return out;
}

audio::Audio apply_gain_db(const audio::Audio& clip, double gain_db) {
  audio::Audio out = clip;
  const auto gain = static_cast<float>(std::pow(10.0, gain_db / 20.0));
  for (float& s : out.samples) s *= gain;
  return out;
}

audio::Audio resample_to(const audio::Audio& clip, int rate_hz) {
  return {audio::resample(clip.samples, clip.rate_hz, rate_hz), rate_hz};
}

LossyResult lossy_round_trip(const audio::Audio& clip, LossyCodec codec, int bitrate_kbps) {
  const audio::Audio source = codec == LossyCodec::opus ? resample_to(clip, 24000) : clip;
  const int format = codec == LossyCodec::mp3 ? (SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)
                                              : (SF_FORMAT_OGG | SF_FORMAT_OPUS);
  const auto bytes = encode(source, format, compression_level(codec, bitrate_kbps));
  LossyResult result;
  result.audio = audio::decode_audio(bytes).audio;
  result.actual_kbps = static_cast<double>(bytes.size()) * 8.0 / source.duration_s() / 1000.0;
  return result;
}

std::string codec_name(LossyCodec codec) { return codec == LossyCodec::mp3 ? "mp3" : "opus"; }

}  // namespace echoes::watermark
