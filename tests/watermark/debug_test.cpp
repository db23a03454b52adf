#include <cstdio>
#include <random>
#include <gtest/gtest.h>
#include "watermark/detect.h"
#include "watermark/embed.h"
using namespace echoes;
TEST(Debug, Noise) {
  std::mt19937 rng(1); std::normal_distribution<float> g(0, 0.1f);
  audio::Audio a; a.samples.resize(22050 * 3); for (auto& s : a.samples) s = g(rng);
  for (double level : {-20.0, -10.0, 0.0}) {
    watermark::WatermarkOptions o; o.level_db = level;
    auto m = watermark::embed_watermark(a, 0x123456, o);
    auto d = watermark::detect_watermark(m);
    std::printf("level %.0f z %.2f tag %d %06x minbit %.2f active %.2f\n", level, d.z_score, d.tag_valid, d.tag, d.min_bit_z, d.active_s);
  }
}
