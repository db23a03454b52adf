// TEMPORARY experiment (to be removed).
#include <cstdio>
#include <functional>
#include <string>
#include <vector>
#include <filesystem>
#include <algorithm>
#include <cstdlib>

#include <gtest/gtest.h>

#include "audio/decode.h"
#include "support/test_data.h"
#include "watermark/attacks.h"
#include "watermark/detect.h"
#include "watermark/embed.h"
#include "watermark/segmental_snr.h"

using namespace echoes;
using namespace echoes::watermark;

TEST(Experiment, Matrix) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i <= 593; i += 30) {
    char name[64]; std::snprintf(name, sizeof name, "arctic_a%04d.flac", i);
    files.push_back(echoes::testing::speech_dir() / "kathleen" / "audio" / name);
  }
  for (auto& e : std::filesystem::recursive_directory_iterator(echoes::testing::speech_dir() / "speechocean")) {
    if (e.path().extension() == ".flac" && files.size() < 30) files.push_back(e.path());
  }
  std::vector<std::pair<std::string, std::function<audio::Audio(const audio::Audio&)>>> attacks = {
    {"none", [](const audio::Audio& a) { return a; }},
    {"pcm16", requantize_pcm16},
    {"16k", [](const audio::Audio& a) { return resample_to(a, 16000); }},
    {"mp3", [](const audio::Audio& a) { auto r = lossy_round_trip(a, LossyCodec::mp3, 64); return r.audio; }},
    {"opus", [](const audio::Audio& a) { auto r = lossy_round_trip(a, LossyCodec::opus, 64); return r.audio; }},
    {"crop1.5", [](const audio::Audio& a) { audio::Audio c; std::size_t n = 33075, st = a.samples.size() > n ? (a.samples.size() - n) / 2 : 0; c.samples.assign(a.samples.begin() + st, a.samples.begin() + std::min(a.samples.size(), st + n)); return c; }},
    {"crop1.5+opus", [](const audio::Audio& a) { audio::Audio c; std::size_t n = 33075, st = a.samples.size() > n ? (a.samples.size() - n) / 2 : 0; c.samples.assign(a.samples.begin() + st, a.samples.begin() + std::min(a.samples.size(), st + n)); return lossy_round_trip(c, LossyCodec::opus, 64).audio; }},
    {"16k+mp3", [](const audio::Audio& a) { return lossy_round_trip(resample_to(a, 16000), LossyCodec::mp3, 64).audio; }},
  };
  double snr_sum = 0; double unmarked_max = -100;
  std::vector<std::vector<double>> zs(attacks.size());
  std::vector<int> tags_ok(attacks.size());
  for (std::size_t f = 0; f < files.size(); ++f) {
    auto clip = audio::decode_audio_file(files[f]).audio;
    const std::uint32_t tag = 0x123456u + 7919u * f;
    WatermarkOptions o; o.level_db = std::getenv("WM_LEVEL") ? std::atof(std::getenv("WM_LEVEL")) : -20.0;
    auto mark = watermark_signal(clip, tag, o);
    snr_sum += segmental_snr_db(clip.samples, mark.samples, clip.rate_hz);
    auto marked = embed_watermark(clip, tag, o);
    unmarked_max = std::max(unmarked_max, detect_watermark(clip).z_score);
    for (std::size_t a = 0; a < attacks.size(); ++a) {
      auto d = detect_watermark(attacks[a].second(marked));
      zs[a].push_back(d.z_score);
      tags_ok[a] += d.tag_valid && d.tag == tag;
    }
  }
  std::printf("\nsegSNR mean %.2f  unmarked max z %.2f\n", snr_sum / files.size(), unmarked_max);
  for (std::size_t a = 0; a < attacks.size(); ++a) {
    auto v = zs[a]; std::sort(v.begin(), v.end());
    int found = std::count_if(v.begin(), v.end(), [](double z) { return z >= 6.0; });
    std::printf("%-10s min %.2f p10 %.2f med %.2f found %d/%zu tag %d\n", attacks[a].first.c_str(), v[0], v[v.size()/10], v[v.size()/2], found, v.size(), tags_ok[a]);
  }
}
