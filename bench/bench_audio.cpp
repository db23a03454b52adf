// Audio core figures: decode + resample throughput on a 60 s 48 kHz stereo 16-bit WAV,
// and pitch / MFCC analysis speed, all in x real time (audio seconds per wall second).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "audio/decode.h"
#include "audio/mfcc.h"
#include "audio/pitch.h"
#include "audio/resample.h"
#include "bench.h"
#include "support/test_data.h"

namespace {

using namespace echoes;

constexpr double kClipSeconds = 60.0;
constexpr int kSourceRateHz = 48000;
constexpr int kRepeats = 5;

void put_le(std::vector<std::uint8_t>& out, std::uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

// Canonical 44-byte header for 16-bit PCM.
std::vector<std::uint8_t> wav_header(std::uint32_t data_bytes, int rate_hz, int channels) {
  std::vector<std::uint8_t> h;
  h.reserve(44);
  const auto tag = [&](const char* s) {
    for (int i = 0; i < 4; ++i) h.push_back(static_cast<std::uint8_t>(s[i]));
  };
  tag("RIFF");
  put_le(h, 36 + data_bytes, 4);
  tag("WAVE");
  tag("fmt ");
  put_le(h, 16, 4);
  put_le(h, 1, 2);
  put_le(h, static_cast<std::uint32_t>(channels), 2);
  put_le(h, static_cast<std::uint32_t>(rate_hz), 4);
  put_le(h, static_cast<std::uint32_t>(rate_hz * channels * 2), 4);
  put_le(h, static_cast<std::uint32_t>(channels * 2), 2);
  put_le(h, 16, 2);
  tag("data");
  put_le(h, data_bytes, 4);
  return h;
}

// 60 s of 48 kHz stereo PCM: the Kathleen originals (canonical 44-byte headers) looped;
// a synthetic vowel-like signal when the shared corpus is absent.
std::vector<std::uint8_t> sixty_second_wav() {
  const std::size_t data_bytes = static_cast<std::size_t>(kClipSeconds * kSourceRateHz) * 4;
  std::vector<std::uint8_t> pcm;
  const auto dir = echoes::testing::speech_dir() / "kathleen" / "original";
  std::vector<std::vector<std::uint8_t>> takes;
  for (int i = 1; i <= 10; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "arctic_a%04d.wav", i);
    FILE* f = std::fopen((dir / name).c_str(), "rb");
    if (!f) continue;
    std::vector<std::uint8_t> bytes;
    std::uint8_t buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) bytes.insert(bytes.end(), buffer, buffer + n);
    std::fclose(f);
    if (bytes.size() > 44) takes.emplace_back(bytes.begin() + 44, bytes.end());
  }
  for (std::size_t t = 0; pcm.size() < data_bytes && !takes.empty(); ++t) {
    const auto& take = takes[t % takes.size()];
    pcm.insert(pcm.end(), take.begin(), take.begin() + std::min(take.size(), data_bytes - pcm.size()));
  }
  for (std::size_t frame = 0; pcm.size() < data_bytes; ++frame) {  // synthetic fallback
    const double t = static_cast<double>(frame) / kSourceRateHz;
    const auto v = static_cast<std::int16_t>(6000.0 * std::sin(2 * std::numbers::pi * 180.0 * t) +
                                             2000.0 * std::sin(2 * std::numbers::pi * 720.0 * t));
    for (int c = 0; c < 2; ++c) put_le(pcm, static_cast<std::uint16_t>(v), 2);
  }
  std::vector<std::uint8_t> wav = wav_header(static_cast<std::uint32_t>(data_bytes), kSourceRateHz, 2);
  wav.insert(wav.end(), pcm.begin(), pcm.end());
  return wav;
}

// Best wall time of `repeats` runs of fn, seconds.
template <typename Fn>
double best_time_s(int repeats, Fn fn) {
  double best = 1e30;
  for (int i = 0; i < repeats; ++i) {
    const double start = bench::now_s();
    fn();
    best = std::min(best, bench::now_s() - start);
  }
  return best;
}

audio::Audio working_copy() {
  static const audio::Audio audio = audio::decode_audio(sixty_second_wav()).audio;
  return audio;
}

ECHOES_BENCH("audio decode+resample") {
  const std::vector<std::uint8_t> wav = sixty_second_wav();
  audio::DecodeOptions options;
  const double total_s = best_time_s(kRepeats, [&] { audio::decode_audio(wav, options); });
  bench::report("60 s 48k stereo WAV -> 22.05k mono", kClipSeconds / total_s, "x real time");
  bench::report("input throughput", static_cast<double>(wav.size()) / 1e6 / total_s, "MB/s");
  bench::report("wall time per 60 s clip", total_s * 1e3, "ms");
  options.target_rate_hz = kSourceRateHz;  // no resampling: decode + downmix only
  const double decode_s = best_time_s(kRepeats, [&] { audio::decode_audio(wav, options); });
  bench::report("decode+downmix only", kClipSeconds / decode_s, "x real time");
  const audio::Audio mono48 = audio::decode_audio(wav, options).audio;
  for (auto q : {audio::ResampleQuality::high, audio::ResampleQuality::very_high}) {
    const double s = best_time_s(kRepeats, [&] { audio::resample(mono48.samples, kSourceRateHz, audio::kWorkingRateHz, q); });
    bench::report(q == audio::ResampleQuality::high ? "resample 48k->22.05k HQ" : "resample 48k->22.05k VHQ",
                  kClipSeconds / s, "x real time");
  }
}

ECHOES_BENCH("pitch") {
  const audio::Audio audio = working_copy();
  for (double hop_s : {0.010, 0.005}) {
    audio::PitchOptions options;
    options.hop_s = hop_s;
    const double s = best_time_s(kRepeats, [&] { audio::track_pitch(audio, options); });
    bench::report(hop_s > 0.007 ? "YIN, 10 ms hop, 60 s speech" : "YIN, 5 ms hop, 60 s speech",
                  audio.duration_s() / s, "x real time");
  }
}

ECHOES_BENCH("mfcc") {
  const audio::Audio audio = working_copy();
  const double s = best_time_s(kRepeats, [&] { audio::compute_mfcc(audio); });
  bench::report("20 coeffs, 40 bands, 10 ms hop", audio.duration_s() / s, "x real time");
}

}  // namespace
