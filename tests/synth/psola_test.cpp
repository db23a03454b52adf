#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "synth/psola.h"

namespace echoes::synth {
namespace {

/// A voice whose audio is a 200 Hz pulse train (0.5 s) with marks on every pulse, then
/// 0.2 s of noise with 5 ms marks.
voice::VoiceModel pulse_voice() {
  voice::VoiceModel v;
  const int rate = v.rate_hz;
  const double period = rate / 200.0;
  const auto voiced = std::size_t(0.5 * rate);
  std::vector<std::int16_t> audio;
  for (std::size_t n = 0; n < voiced; ++n) {
    const double phase = std::fmod(double(n), period);
    audio.push_back(std::int16_t(12000 * std::exp(-phase / 30.0) * std::cos(2 * M_PI * 700 * phase / rate)));
  }
  unsigned seed = 7;
  for (std::size_t n = 0; n < std::size_t(0.2 * rate); ++n) {
    seed = seed * 1103515245u + 12345u;
    audio.push_back(std::int16_t(int((seed >> 16) & 0x7FFF) / 8 - 2048));
  }
  v.samples.append(audio);
  for (double m = 0; m < double(voiced); m += period) {
    v.marks.push_back(std::int32_t(std::lround(m)));
    v.mark_voiced.push_back(1);
  }
  for (std::int32_t m = std::int32_t(voiced); m < std::int32_t(v.samples.size()); m += 110) {
    v.marks.push_back(m);
    v.mark_voiced.push_back(0);
  }
  return v;
}

TEST(Psola, UnmodifiedSegmentReproducesTheSource) {
  const auto v = pulse_voice();
  const PsolaSegment seg{2000, 14000, 1.0};
  const auto out = psola_render(v, std::span(&seg, 1));
  // The output starts one window half-length before the first mark inside the segment.
  const auto first_mark = *std::lower_bound(v.marks.begin(), v.marks.end(), seg.start_sample);
  const auto prev_mark = *(std::lower_bound(v.marks.begin(), v.marks.end(), seg.start_sample) - 1);
  const long offset = first_mark - (first_mark - prev_mark);
  ASSERT_GT(out.size(), 11000u);
  const auto audio = v.samples.read_all();
  double err = 0.0, ref = 0.0;
  for (std::size_t i = 500; i < 11000; ++i) {
    const double s = audio[std::size_t(offset) + i] / 32768.0;
    err += (out[i] - s) * (out[i] - s);
    ref += s * s;
  }
  EXPECT_LT(err / ref, 1e-4);
}

TEST(Psola, TimeScaleChangesDurationButNotPitch) {
  const auto v = pulse_voice();
  const PsolaSegment normal{1000, 10000, 1.0};
  const PsolaSegment slow{1000, 10000, 1.5};
  const auto a = psola_render(v, std::span(&normal, 1));
  const auto b = psola_render(v, std::span(&slow, 1));
  EXPECT_NEAR(double(b.size()) / double(a.size()), 1.5, 0.05);
  // Autocorrelation peak of the stretched signal stays at the 200 Hz period.
  const int period = int(std::lround(v.rate_hz / 200.0));
  auto corr = [&](int lag) {
    double s = 0;
    for (std::size_t i = 2000; i + lag < b.size() - 2000; ++i) s += b[i] * b[i + lag];
    return s;
  };
  EXPECT_GT(corr(period), corr(period * 3 / 4));
  EXPECT_GT(corr(period), corr(period * 5 / 4));
}

TEST(Psola, F0ScaleMovesPitchWithinClamp) {
  const auto v = pulse_voice();
  const PsolaSegment seg{1000, 10000, 1.0};
  PsolaOptions o;
  o.f0_scale = 1.2;
  const auto out = psola_render(v, std::span(&seg, 1), o);
  const int new_period = int(std::lround(v.rate_hz / 240.0));
  const int old_period = int(std::lround(v.rate_hz / 200.0));
  double at_new = 0, at_old = 0;
  for (std::size_t i = 2000; i + old_period < out.size() - 2000; ++i) {
    at_new += out[i] * out[i + new_period];
    at_old += out[i] * out[i + old_period];
  }
  EXPECT_GT(at_new, at_old);
}

TEST(Psola, EmptyAndTinySegmentsAreSafe) {
  const auto v = pulse_voice();
  EXPECT_TRUE(psola_render(v, {}).empty());
  const PsolaSegment segs[] = {{100, 100, 1.0}, {100, 105, 1.0}, {11000, 11010, 2.0}};
  const auto out = psola_render(v, segs);
  for (float s : out) ASSERT_TRUE(std::isfinite(s));
}

/// A voice of voiced pulse trains laid end to end, marks on every pulse: train k lasts
/// durations_s[k], its F0 is f0_hz(k, t) and each pulse rings at formant_hz[k].
template <typename F0>
voice::VoiceModel trains_voice(const std::vector<double>& durations_s, const std::vector<double>& formant_hz, F0&& f0_hz) {
  voice::VoiceModel v;
  const double rate = v.rate_hz;
  std::vector<std::int16_t> audio;
  for (std::size_t k = 0; k < durations_s.size(); ++k) {
    const double start = double(audio.size()), end = start + durations_s[k] * rate;
    for (double mark = start; mark < end; mark += rate / f0_hz(k, (mark - start) / rate)) {
      v.marks.push_back(std::int32_t(std::lround(mark)));
      v.mark_voiced.push_back(1);
    }
    for (double n = start; n < end; n += 1.0) {
      const auto it = std::upper_bound(v.marks.begin(), v.marks.end(), std::int32_t(n)) - 1;
      const double phase = n - *it;
      audio.push_back(std::int16_t(12000 * std::exp(-phase / 30.0) * std::cos(2 * M_PI * formant_hz[k] * phase / rate)));
    }
  }
  v.samples.append(audio);
  return v;
}

// Only what a join needs is changed: a stretch whose F0 moves on its own (a 5 Hz vibrato),
// joined to another recording a semitone lower, is copied sample for sample up to the
// smoothing and cross-fade windows before the join.
TEST(Psola, AStretchIsCopiedAsItIsAwayFromItsJoin) {
  const auto v = trains_voice({0.5, 0.3}, {700, 900}, [](std::size_t k, double t) {
    return k == 0 ? 200.0 * (1.0 + 0.1 * std::sin(2 * M_PI * 5.0 * t)) : 190.0;
  });
  const int rate = v.rate_hz;
  const PsolaSegment segs[] = {{0, std::int32_t(0.4 * rate), 1.0}, {std::int32_t(0.55 * rate), std::int32_t(0.75 * rate), 1.0}};
  PsolaOptions o;
  o.unchanged_log_f0 = 0.0;  // any planned change at all shows
  const auto out = psola_render(v, segs, o);
  const auto audio = v.samples.read_all();
  const long offset = v.marks[1] - v.marks[0];  // the output starts one window before the first mark
  double err = 0.0, ref = 0.0;
  for (long i = long(0.02 * rate); i < long(0.33 * rate); ++i) {
    const double s = audio[std::size_t(i)] / 32768.0;
    err += (out[std::size_t(i + offset)] - s) * (out[std::size_t(i + offset)] - s);
    ref += s * s;
  }
  EXPECT_LT(err / ref, 1e-6);
}

// Across a voiced join the waveform changes over a few cycles: with the cross-fade, the
// cycles just before the join already carry some of the recording after it (its ringing
// at 1500 Hz); without it they are the first recording's own.
TEST(Psola, VoicedJoinsCrossFadeOverAFewCycles) {
  const auto v = trains_voice({0.3, 0.3}, {700, 1500}, [](std::size_t, double) { return 200.0; });
  const int rate = v.rate_hz;
  const PsolaSegment segs[] = {{0, std::int32_t(0.2 * rate), 1.0}, {std::int32_t(0.4 * rate), std::int32_t(0.6 * rate), 1.0}};
  const auto audio = v.samples.read_all();
  const auto difference_before_join = [&](double crossfade_s) {
    PsolaOptions o;
    o.join_crossfade_s = crossfade_s;
    const auto out = psola_render(v, segs, o);
    const long offset = v.marks[1] - v.marks[0];
    double err = 0.0, ref = 0.0;
    for (long i = long(0.185 * rate); i < long(0.195 * rate); ++i) {  // the two cycles before the last
      const double s = audio[std::size_t(i)] / 32768.0;
      err += (out[std::size_t(i + offset)] - s) * (out[std::size_t(i + offset)] - s);
      ref += s * s;
    }
    return err / ref;
  };
  EXPECT_LT(difference_before_join(0.0), 1e-4);
  EXPECT_GT(difference_before_join(0.015), 0.01);
}

// The voice's audio is compressed and each render decodes only the stretches its segments
// read: the output must equal, sample for sample, plain indexing of the whole audio.
TEST(Psola, CompressedAudioRendersExactlyAsRawStorage) {
  const auto v = pulse_voice();
  const auto raw = v.samples.read_all();
  const std::vector<std::vector<PsolaSegment>> cases = {
      {{2000, 14000, 1.0}},
      {{0, 3000, 1.3, 0.1}, {3000, 4000, 0.8}, {9000, 12000, 1.0, -0.1}},  // contiguous, then a jump
      {{14000, 15400, 1.0}, {100, 900, 2.0, 0.2, true}},                    // audio end, then its start
      {{4090, 4100, 1.0}, {8190, 8200, 0.5}, {15430, 15435, 1.0}},          // tiny, across block edges
  };
  for (const auto& segs : cases) {
    const auto compressed = psola_render(v, segs);
    const auto reference = psola_render(v, raw, segs);
    ASSERT_EQ(compressed.size(), reference.size());
    for (std::size_t i = 0; i < compressed.size(); ++i) ASSERT_EQ(compressed[i], reference[i]) << "sample " << i;
  }
}

}  // namespace
}  // namespace echoes::synth
