// Watermark figures: robustness matrix (detection and tag rates per degradation), detection
// on short stretches, false positives on every real recording of the shared corpus,
// segmental SNR, and embed / detect speed in x real time.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audio/decode.h"
#include "bench.h"
#include "support/test_data.h"
#include "watermark/attacks.h"
#include "watermark/detect.h"
#include "watermark/embed.h"
#include "watermark/pattern.h"
#include "watermark/segmental_snr.h"

namespace {

using namespace echoes;
using namespace echoes::watermark;
using Attack = std::function<audio::Audio(const audio::Audio&)>;

std::vector<std::filesystem::path> flacs(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() == ".flac") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// 40 Kathleen + 20 speechocean files, spread through each set.
std::vector<std::filesystem::path> carrier_files() {
  const auto kathleen = flacs(echoes::testing::speech_dir() / "kathleen" / "audio");
  const auto ocean = flacs(echoes::testing::speech_dir() / "speechocean");
  std::vector<std::filesystem::path> files;
  for (std::size_t i = 0; i < 40 && !kathleen.empty(); ++i) files.push_back(kathleen[i * kathleen.size() / 40]);
  for (std::size_t i = 0; i < 20 && !ocean.empty(); ++i) files.push_back(ocean[i * ocean.size() / 20]);
  return files;
}

audio::Audio load(const std::filesystem::path& p) { return audio::decode_audio_file(p).audio; }

audio::Audio middle(const audio::Audio& a, double seconds) {
  const auto n = std::min(a.samples.size(), static_cast<std::size_t>(seconds * a.rate_hz));
  const std::size_t start = (a.samples.size() - n) / 2;
  return {std::vector<float>(a.samples.begin() + static_cast<std::ptrdiff_t>(start),
                             a.samples.begin() + static_cast<std::ptrdiff_t>(start + n)),
          a.rate_hz};
}

audio::Audio mp3(const audio::Audio& a) { return lossy_round_trip(a, LossyCodec::mp3, 64).audio; }
audio::Audio opus(const audio::Audio& a) { return lossy_round_trip(a, LossyCodec::opus, 64).audio; }
audio::Audio to_16k(const audio::Audio& a) { return resample_to(a, 16000); }

const std::vector<std::pair<std::string, Attack>> kAttacks = {
    {"none", [](const audio::Audio& a) { return a; }},
    {"pcm16", requantize_pcm16},
    {"resample 16k", to_16k},
    {"mp3 64k", mp3},
    {"opus 64k", opus},
    {"+6 dB (pcm16, clipped)", [](const audio::Audio& a) { return requantize_pcm16(apply_gain_db(a, 6.0)); }},
    {"-6 dB", [](const audio::Audio& a) { return apply_gain_db(a, -6.0); }},
    {"16k + mp3 64k", [](const audio::Audio& a) { return mp3(to_16k(a)); }},
    {"16k + opus 64k + -6 dB", [](const audio::Audio& a) { return apply_gain_db(opus(to_16k(a)), -6.0); }},
    {"middle 1.5 s", [](const audio::Audio& a) { return middle(a, 1.5); }},
    {"middle 1.5 s + opus 64k", [](const audio::Audio& a) { return opus(middle(a, 1.5)); }},
    {"middle 2 s + mp3 64k", [](const audio::Audio& a) { return mp3(middle(a, 2.0)); }},
};

ECHOES_BENCH("watermark_robustness") {
  const auto files = carrier_files();
  if (files.empty()) {
    std::printf("shared speech data missing: skipped\n");
    return;
  }
  std::vector<int> found(kAttacks.size(), 0), tagged(kAttacks.size(), 0), matched(kAttacks.size(), 0);
  std::vector<std::vector<double>> z(kAttacks.size());
  std::vector<std::uint32_t> candidates;
  for (const auto& f : files) candidates.push_back(voice_tag(f.stem().string()));
  double snr_sum = 0.0, snr_min = 1e9;
  for (const auto& file : files) {
    const audio::Audio clip = load(file);
    const std::uint32_t tag = voice_tag(file.stem().string());
    const audio::Audio mark = watermark_signal(clip, tag);
    const double snr = segmental_snr_db(clip.samples, mark.samples, clip.rate_hz);
    snr_sum += snr;
    snr_min = std::min(snr_min, snr);
    audio::Audio marked = clip;
    for (std::size_t i = 0; i < marked.samples.size(); ++i) marked.samples[i] += mark.samples[i];
    for (std::size_t a = 0; a < kAttacks.size(); ++a) {
      const Detection d = detect_watermark(kAttacks[a].second(marked));
      found[a] += d.found;
      tagged[a] += d.tag_valid && d.tag == tag;
      const auto m = d.tag_valid ? std::optional<std::uint32_t>(d.tag) : match_tag(d, candidates);
      matched[a] += m && *m == tag;
      z[a].push_back(d.z_score);
    }
  }
  const double n = static_cast<double>(files.size());
  bench::report("carrier clips (Kathleen 40, speechocean 20)", n, "clips");
  bench::report("segmental SNR mean", snr_sum / n, "dB");
  bench::report("segmental SNR lowest clip", snr_min, "dB");
  for (std::size_t a = 0; a < kAttacks.size(); ++a) {
    auto sorted = z[a];
    std::sort(sorted.begin(), sorted.end());
    bench::report(kAttacks[a].first + ": found", 100.0 * found[a] / n, "%");
    bench::report(kAttacks[a].first + ": blind tag right", 100.0 * tagged[a] / n, "%");
    bench::report(kAttacks[a].first + ": tag right with candidates", 100.0 * matched[a] / n, "%");
    bench::report(kAttacks[a].first + ": median z", sorted[sorted.size() / 2], "");
    bench::report(kAttacks[a].first + ": lowest z", sorted.front(), "");
  }
  const audio::Audio probe = load(files.front());
  bench::report("mp3 64k actual bitrate", lossy_round_trip(probe, LossyCodec::mp3, 64).actual_kbps, "kbps");
  bench::report("opus 64k actual bitrate", lossy_round_trip(probe, LossyCodec::opus, 64).actual_kbps, "kbps");
}

ECHOES_BENCH("watermark_false_positives") {
  auto files = flacs(echoes::testing::speech_dir() / "kathleen" / "audio");
  const auto ocean = flacs(echoes::testing::speech_dir() / "speechocean");
  const auto noise = flacs(echoes::testing::speech_dir() / "noise");
  files.insert(files.end(), ocean.begin(), ocean.end());
  if (files.empty()) {
    std::printf("shared speech data missing: skipped\n");
    return;
  }
  const std::size_t speech_count = files.size();
  files.insert(files.end(), noise.begin(), noise.end());
  int positives = 0;
  double max_z = 0.0;
  double seconds = 0.0;
  for (const auto& file : files) {
    const audio::Audio clip = load(file);
    seconds += clip.duration_s();
    const Detection d = detect_watermark(clip);
    positives += d.found;
    max_z = std::max(max_z, d.z_score);
  }
  const double threshold = WatermarkOptions{}.threshold_z;
  bench::report("unmarked speech files", static_cast<double>(speech_count), "files");
  bench::report("unmarked noise files", static_cast<double>(noise.size()), "files");
  bench::report("unmarked audio", seconds / 60.0, "min");
  bench::report("false positives", positives, "files");
  bench::report("highest z on unmarked audio", max_z, "");
  bench::report("threshold z", threshold, "");
  bench::report("false-alarm bound at threshold", 1e6 * kSearchHypotheses * std::exp(-0.5 * threshold * threshold), "per million clips");
  bench::report("false-alarm bound at the highest z seen", 1e6 * kSearchHypotheses * std::exp(-0.5 * max_z * max_z), "per million clips");
}

ECHOES_BENCH("watermark_speed") {
  // 60 s of Kathleen (looped) or, without the corpus, of modulated noise.
  audio::Audio minute;
  const auto kathleen = flacs(echoes::testing::speech_dir() / "kathleen" / "audio");
  for (std::size_t i = 0; minute.duration_s() < 60.0; ++i) {
    if (kathleen.empty()) {
      minute.samples.push_back(0.1f * std::sin(0.05f * static_cast<float>(minute.samples.size())) *
                               static_cast<float>(std::rand() % 2001 - 1000) / 1000.0f);
      continue;
    }
    const audio::Audio clip = load(kathleen[i % kathleen.size()]);
    minute.samples.insert(minute.samples.end(), clip.samples.begin(), clip.samples.end());
  }
  constexpr int kRepeats = 5;
  double start = bench::now_s();
  audio::Audio marked;
  for (int r = 0; r < kRepeats; ++r) marked = embed_watermark(minute, 0x123456);
  const double embed_s = (bench::now_s() - start) / kRepeats;
  start = bench::now_s();
  Detection d;
  for (int r = 0; r < kRepeats; ++r) d = detect_watermark(marked);
  const double detect_s = (bench::now_s() - start) / kRepeats;
  audio::Audio short_clip = middle(marked, 3.0);
  start = bench::now_s();
  for (int r = 0; r < 20; ++r) d = detect_watermark(short_clip);
  const double short_detect_s = (bench::now_s() - start) / 20;
  bench::report("embed speed (60 s clip)", minute.duration_s() / embed_s, "x real time");
  bench::report("detect speed (60 s clip)", minute.duration_s() / detect_s, "x real time");
  bench::report("detect time (3 s clip)", short_detect_s * 1000.0, "ms");
}

}  // namespace
