// Temporary exploration: prints score distributions.
#include <chrono>
#include <cstdio>
#include <gtest/gtest.h>
#include "align/aligner.h"
#include "speech_files.h"
#include "support/test_data.h"
using namespace echoes::align;
TEST(Explore, DISABLED_Kathleen) {
  ForcedAligner aligner;
  auto items = corpus::read_corpus(echoes::testing::speech_dir() / "kathleen");
  int step = std::getenv("STEP") ? std::atoi(std::getenv("STEP")) : 10;
  for (std::size_t i = 0; i < items.size(); i += step) {
    auto audio = corpus::load_audio(items[i].audio_path);
    auto good = aligner.align(audio, items[i].text);
    auto bad = aligner.align(audio, items[(i + 7) % items.size()].text);
    double mind = 1e9, maxd = 0;
    for (auto& w : good.words) { double d = (w.end_s - w.start_s) / w.phone_count; mind = std::min(mind, d); maxd = std::max(maxd, d); }
    std::printf("CSV,K,%s,%.3f,%.3f,%.3f,%d,%.3f,%.3f,%.3f,%d\n", items[i].id.c_str(), good.match_score, good.unaligned_speech_fraction, good.implausible_word_fraction, good.matches, bad.match_score, bad.unaligned_speech_fraction, bad.implausible_word_fraction, bad.matches);
  }
}
TEST(Explore, DISABLED_Speechocean) {
  ForcedAligner aligner;
  for (auto spk : {"9600", "9614", "9616", "9649", "8002", "9628"}) {
    auto items = corpus::read_corpus(echoes::testing::speech_dir() / "speechocean" / spk);
    for (std::size_t i = 0; i < items.size(); i += 1) {
      auto audio = corpus::load_audio(items[i].audio_path);
      auto good = aligner.align(audio, items[i].text);
      auto bad = aligner.align(audio, items[(i + 5) % items.size()].text);
    std::printf("CSV,S,%s,%.3f,%.3f,%.3f,%d,%.3f,%.3f,%.3f,%d\n", items[i].id.c_str(), good.match_score, good.unaligned_speech_fraction, good.implausible_word_fraction, good.matches, bad.match_score, bad.unaligned_speech_fraction, bad.implausible_word_fraction, bad.matches);
    }
  }
}
TEST(Explore, DISABLED_One) {
  ForcedAligner aligner;
  auto audio = corpus::load_audio(std::getenv("WAV"));
  auto r = aligner.align(audio, std::getenv("TXT"));
  std::printf("score %.2f forced %.2f free %.2f impl %.2f dur %.2f\n", r.match_score, r.forced_score_per_frame, r.free_score_per_frame, r.implausible_word_fraction, r.duration_s);
  for (auto& p : r.phones) std::printf("%-4s %2d %6.2f-%6.2f sc %6.2f m %6.2f %s\n", p.phone.c_str(), p.word_index, p.start_s, p.end_s, p.score_per_frame, p.match_per_frame, p.word_index >= 0 ? r.words[p.word_index].word.c_str() : "");
}
TEST(Explore, DISABLED_Speed) {
  auto items = corpus::read_corpus(echoes::testing::speech_dir() / "kathleen");
  std::vector<std::pair<echoes::audio::Audio, std::string>> u;
  for (int i = 0; i < 50; ++i) u.emplace_back(corpus::load_audio(items[i].audio_path), items[i].text);
  double t0 = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  ForcedAligner aligner;
  double t1 = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  double audio_s = 0;
  for (auto& [a, t] : u) { aligner.align(a, t); audio_s += a.duration_s(); }
  double t2 = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  std::printf("load %.1f ms; %.1f s audio in %.2f s: %.1f x real time, %.0f ms/utt\n", 1000*(t1-t0), audio_s, t2-t1, audio_s/(t2-t1), 1000*(t2-t1)/50);
}
