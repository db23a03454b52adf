#include <cmath>

#include <gtest/gtest.h>

#include "audio/pitch.h"
#include "voice/pitch_marks.h"

namespace echoes::voice {
namespace {

/// A glottal-like pulse train at f0_hz (decaying resonance per period) followed by noise.
audio::Audio pulses_then_noise(double f0_hz, double voiced_s, double noise_s) {
  audio::Audio a;
  const int rate = a.rate_hz;
  const auto voiced = std::size_t(voiced_s * rate);
  const double period = rate / f0_hz;
  for (std::size_t n = 0; n < voiced; ++n) {
    const double phase = std::fmod(double(n), period);
    a.samples.push_back(float(0.5 * std::exp(-phase / 40.0) * std::cos(2 * M_PI * 600.0 * phase / rate)));
  }
  unsigned seed = 1;
  for (std::size_t n = 0; n < std::size_t(noise_s * rate); ++n) {
    seed = seed * 1103515245u + 12345u;
    a.samples.push_back(float(((seed >> 16) & 0x7FFF) / 32768.0 - 0.5) * 0.05f);
  }
  return a;
}

TEST(PitchMarks, OneMarkPerPeriodInVoicedSpeechAndEvenMarksElsewhere) {
  const double f0 = 150.0;
  const auto audio = pulses_then_noise(f0, 0.5, 0.2);
  audio::PitchOptions po;
  po.hop_s = 0.005;
  const auto track = audio::track_pitch(audio, po);
  const auto marks = find_pitch_marks(audio, track);
  ASSERT_GT(marks.samples.size(), 50u);
  ASSERT_EQ(marks.samples.size(), marks.voiced.size());
  const double period = audio.rate_hz / f0;
  int voiced_checked = 0;
  for (std::size_t i = 1; i < marks.samples.size(); ++i) {
    ASSERT_GT(marks.samples[i], marks.samples[i - 1]);
    const double t = double(marks.samples[i]) / audio.rate_hz;
    if (t > 0.05 && t < 0.45 && marks.voiced[i] && marks.voiced[i - 1]) {
      EXPECT_NEAR(marks.samples[i] - marks.samples[i - 1], period, 2.0);
      ++voiced_checked;
    }
    if (t > 0.55) {
      EXPECT_EQ(marks.voiced[i], 0);
      EXPECT_NEAR(marks.samples[i] - marks.samples[i - 1], 0.005 * audio.rate_hz, 1.0);
    }
  }
  EXPECT_GT(voiced_checked, 50);
}

TEST(PitchMarks, EmptyAudioGivesNoMarks) {
  EXPECT_TRUE(find_pitch_marks(audio::Audio{}, audio::PitchTrack{}).samples.empty());
}

}  // namespace
}  // namespace echoes::voice
