#include <cstdio>
#include <cmath>
#include <random>
#include <gtest/gtest.h>
#include "watermark/detect.h"
#include "watermark/embed.h"
#include "watermark/segmental_snr.h"
using namespace echoes;
TEST(Debug, Noise) {
  std::mt19937 rng(1); std::normal_distribution<float> g(0, 0.1f);
  audio::Audio a; a.samples.resize(22050 * 3); for (auto& s : a.samples) s = g(rng);
  for (double level : {-20.0, -10.0, 0.0}) {
    watermark::WatermarkOptions o; o.level_db = level;
    auto m = watermark::embed_watermark(a, 0x123456, o);
    auto d = watermark::detect_watermark(m);
    auto w = watermark::watermark_signal(a, 0x123456, o); double e=0, ex=0; for (size_t i=0;i<a.samples.size();++i){e+=w.samples[i]*w.samples[i]; ex+=a.samples[i]*a.samples[i];}
    std::printf("snr %.2f segsnr %.2f\n", 10*std::log10(ex/e), watermark::segmental_snr_db(a.samples, w.samples, 22050));
    std::printf("level %.0f z %.2f tag %d %06x minbit %.2f active %.2f\n", level, d.z_score, d.tag_valid, d.tag, d.min_symbol_margin, d.active_s);
  }
}
