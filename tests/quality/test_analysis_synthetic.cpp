// Quality analysis on synthetic signals: loudness reference values, clipping counts,
// non-speech rejection, edge inputs, score monotonicity and the JSON form.
#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "quality/analysis.h"
#include "quality/analysis_json.h"
#include "quality/clipping.h"
#include "quality/issues.h"
#include "quality/loudness.h"
#include "quality/score.h"

namespace echoes::quality {
namespace {

audio::Audio sine(double freq_hz, double amplitude, double seconds, int rate_hz) {
  audio::Audio a;
  a.rate_hz = rate_hz;
  a.samples.resize(static_cast<std::size_t>(seconds * rate_hz));
  for (std::size_t i = 0; i < a.samples.size(); ++i) {
    a.samples[i] = static_cast<float>(amplitude * std::sin(2 * std::numbers::pi * freq_hz * i / rate_hz));
  }
  return a;
}

bool has_issue(const RecordingAnalysis& a, const std::string& code) {
  for (const auto& issue : a.issues) {
    if (issue.code == code) return true;
  }
  return false;
}

void expect_finite(const RecordingAnalysis& a) {
  for (double v : {a.duration_s, a.speech_duration_s, a.peak_dbfs, a.rms_dbfs, a.loudness_lufs,
                   a.noise_floor_dbfs, a.snr_db, a.clipped_fraction, a.dc_offset, a.leading_silence_s,
                   a.trailing_silence_s}) {
    EXPECT_TRUE(std::isfinite(v));
  }
  EXPECT_GE(a.quality_score, 0);
  EXPECT_LE(a.quality_score, 100);
}

void expect_no_speech(const RecordingAnalysis& a) {
  EXPECT_FALSE(a.speech_found);
  EXPECT_EQ(a.quality_score, 0);
  ASSERT_FALSE(a.issues.empty());
  EXPECT_EQ(a.issues.front().code, "no_speech");
  EXPECT_EQ(a.issues.front().severity, "error");
  EXPECT_EQ(a.issues.front().message.rfind("No speech found", 0), 0u);
  expect_finite(a);
}

TEST(Loudness, KWeightingMatchesTheBs1770TableAt48k) {
  const auto f = k_weighting_filters(48000);
  EXPECT_NEAR(f[0].b0, 1.53512485958697, 1e-6);
  EXPECT_NEAR(f[0].b1, -2.69169618940638, 1e-6);
  EXPECT_NEAR(f[0].b2, 1.19839281085285, 1e-6);
  EXPECT_NEAR(f[0].a1, -1.69065929318241, 1e-6);
  EXPECT_NEAR(f[0].a2, 0.73248077421585, 1e-6);
  EXPECT_NEAR(f[1].a1, -1.99004745483398, 1e-6);
  EXPECT_NEAR(f[1].a2, 0.99007225036621, 1e-6);
}

TEST(Loudness, FullScale997HzSineReadsMinus3Lufs) {
  for (int rate : {48000, 44100, 22050, 16000}) {
    const auto a = sine(997, 1.0, 5.0, rate);
    EXPECT_NEAR(integrated_loudness_lufs(a.samples, rate), -3.01, 0.05) << rate;
  }
}

TEST(Loudness, LevelTracksGainAndGatesSilence) {
  for (int rate : {48000, 22050}) {
    auto a = sine(997, std::pow(10.0, -20.0 / 20), 5.0, rate);
    EXPECT_NEAR(integrated_loudness_lufs(a.samples, rate), -23.01, 0.05);
    // Doubling the length with silence would read 3 dB lower ungated; the gates keep
    // it within the few blocks that straddle the edge (they count, per BS.1770).
    a.samples.resize(a.samples.size() * 2, 0.0f);
    EXPECT_NEAR(integrated_loudness_lufs(a.samples, rate), -23.01, 0.2);
  }
  const std::vector<float> silence(22050, 0.0f);
  EXPECT_EQ(integrated_loudness_lufs(silence, 22050), -120.0);
}

TEST(Clipping, CountsRunsAtFullScaleAndIgnoresLonePeaks) {
  std::vector<float> x(1000, 0.1f);
  x[10] = 1.0f;                                  // lone sample: not clipping
  for (int i = 100; i < 110; ++i) x[i] = 1.0f;   // run of 10
  for (int i = 200; i < 205; ++i) x[i] = -1.0f;  // run of 5
  const auto c = detect_clipping(x);
  EXPECT_EQ(c.clip_runs, 2);
  EXPECT_EQ(c.clipped_samples, 15u);
  EXPECT_NEAR(c.clipped_fraction, 0.015, 1e-12);
}

TEST(Clipping, BoostedSineFractionMatchesTheTrueFraction) {
  auto a = sine(220, 0.5, 2.0, 22050);
  std::size_t truly_clipped = 0;
  for (float& v : a.samples) {
    v *= 4.0f;  // +12 dB, then hard clip
    if (std::fabs(v) >= 1.0f) ++truly_clipped;
    v = std::clamp(v, -1.0f, 1.0f);
  }
  const auto c = detect_clipping(a.samples);
  const double truth = static_cast<double>(truly_clipped) / a.samples.size();
  EXPECT_NEAR(c.clipped_fraction, truth, 0.02 * truth);
  EXPECT_EQ(c.clip_runs, 2 * 220 * 2);  // one run per half cycle
}

TEST(Clipping, PlateauBelowFullScaleIsFound) {
  auto a = sine(220, 1.0, 1.0, 22050);
  for (float& v : a.samples) v = std::clamp(v, -0.7f, 0.7f);
  const auto c = detect_clipping(a.samples);
  EXPECT_GT(c.clip_runs, 100);
  const auto clean = detect_clipping(sine(220, 0.7, 1.0, 22050).samples);
  EXPECT_EQ(clean.clip_runs, 0);
}

TEST(Analysis, EdgeInputsGiveFiniteResultsAndNoSpeech) {
  audio::Audio empty;
  expect_no_speech(analyze_recording(empty));
  audio::Audio one;
  one.samples = {0.5f};
  expect_no_speech(analyze_recording(one));
  audio::Audio zeros;
  zeros.samples.assign(22050, 0.0f);
  const auto z = analyze_recording(zeros);
  expect_no_speech(z);
  EXPECT_EQ(z.peak_dbfs, kSilenceDb);
  EXPECT_EQ(z.noise_floor_dbfs, kSilenceDb);
  audio::Audio dc;
  dc.samples.assign(22050, 0.3f);
  const auto d = analyze_recording(dc);
  expect_no_speech(d);
  EXPECT_NEAR(d.dc_offset, 0.3, 1e-6);
  EXPECT_TRUE(has_issue(d, "dc_offset"));
  audio::Audio wild = sine(200, 0.5, 1.0, 22050);
  wild.samples[100] = std::numeric_limits<float>::quiet_NaN();
  wild.samples[200] = std::numeric_limits<float>::infinity();
  wild.samples[300] = -1e30f;
  expect_finite(analyze_recording(wild));
  audio::Audio odd_rate = sine(200, 0.5, 1.0, 8000);
  expect_finite(analyze_recording(odd_rate));
}

TEST(Analysis, ToneChordBurstsAndNoiseAreNotSpeech) {
  const int rate = 22050;
  expect_no_speech(analyze_recording(sine(220, 0.3, 4.0, rate)));
  expect_no_speech(analyze_recording(sine(120, 0.3, 4.0, rate)));

  // A major chord, amplitude-modulated at a syllable-like 4 Hz.
  audio::Audio chord = sine(220, 0.1, 4.0, rate);
  for (std::size_t i = 0; i < chord.samples.size(); ++i) {
    const double t = static_cast<double>(i) / rate;
    const double tone = std::sin(2 * std::numbers::pi * 220 * t) + std::sin(2 * std::numbers::pi * 277.18 * t) +
                        std::sin(2 * std::numbers::pi * 329.63 * t);
    chord.samples[i] = static_cast<float>(0.1 * tone * (0.55 + 0.45 * std::sin(2 * std::numbers::pi * 4 * t)));
  }
  expect_no_speech(analyze_recording(chord));

  std::mt19937 rng(7);
  std::normal_distribution<float> gauss(0.0f, 1.0f);
  audio::Audio noise, bursts;
  noise.samples.resize(4 * rate);
  bursts.samples.resize(4 * rate);
  for (std::size_t i = 0; i < noise.samples.size(); ++i) {
    noise.samples[i] = 0.05f * gauss(rng);
    const bool on = (i / (rate / 5)) % 2 == 0;  // 100 ms on, 100 ms off
    bursts.samples[i] = (on ? 0.1f : 0.001f) * gauss(rng);
  }
  expect_no_speech(analyze_recording(noise));
  expect_no_speech(analyze_recording(bursts));
}

// A flawless 3 s take: every measure at or better than its ideal.
RecordingAnalysis flawless_take() {
  RecordingAnalysis a;
  a.speech_found = true;
  a.duration_s = a.speech_duration_s = 3.0;
  a.peak_dbfs = -10;
  a.rms_dbfs = -20;
  a.noise_floor_dbfs = -70;
  a.snr_db = 50;
  return a;
}

TEST(Score, IsMonotonicInEachMeasure) {
  AnalysisOptions o;
  const RecordingAnalysis base = flawless_take();
  EXPECT_EQ(quality_score(base, o), 100);
  int previous = 101;
  for (double snr = 50; snr >= -10; snr -= 1) {
    RecordingAnalysis a = base;
    a.snr_db = snr;
    const int s = quality_score(a, o);
    EXPECT_LE(s, previous);
    previous = s;
  }
  previous = 101;
  for (double nf = -80; nf <= 0; nf += 1) {
    RecordingAnalysis a = base;
    a.noise_floor_dbfs = nf;
    const int s = quality_score(a, o);
    EXPECT_LE(s, previous);
    previous = s;
  }
  previous = 101;
  for (double rms = -23; rms >= -60; rms -= 1) {
    RecordingAnalysis a = base;
    a.rms_dbfs = rms;
    const int s = quality_score(a, o);
    EXPECT_LE(s, previous);
    EXPECT_GE(s, 85);  // quiet-but-clean costs at most 15 points
    previous = s;
  }
  previous = 101;
  for (double f = 0; f <= 0.05; f += 0.001) {
    RecordingAnalysis a = base;
    a.clip_runs = f > 0 ? 10 : 0;
    a.clipped_fraction = f;
    const int s = quality_score(a, o);
    EXPECT_LE(s, previous);
    previous = s;
  }
}

TEST(Issues, SuddenNoiseIsAWarningOnlyWhenItMatters) {
  AnalysisOptions o;
  RecordingAnalysis a = flawless_take();
  a.noise_floor_dbfs = -45;
  a.snr_db = 22;
  a.sudden_noise_share = 0.6;
  auto find = [&](const RecordingAnalysis& r) {
    for (const QualityIssue& i : find_issues(r, o, "")) {
      if (i.code == "sudden_noise") return i;
    }
    return QualityIssue{};
  };
  const QualityIssue issue = find(a);
  EXPECT_EQ(issue.severity, "warning");
  EXPECT_NE(issue.message.find("about 60%"), std::string::npos) << issue.message;
  EXPECT_FALSE(issue.fix.empty());
  RecordingAnalysis steady = a;
  steady.sudden_noise_share = 0.2;  // mostly a steady noise: the usual noise advice is enough
  EXPECT_TRUE(find(steady).code.empty());
  RecordingAnalysis clean = a;
  clean.snr_db = 40;  // a bang in an otherwise clean take is not worth a warning
  EXPECT_TRUE(find(clean).code.empty());
}

TEST(AnalysisJson, UsesCamelCaseKeys) {
  const auto j = analysis_to_json(analyze_recording(sine(220, 0.3, 1.0, 22050)));
  for (const char* key : {"durationSec", "speechDurationSec", "peakDbfs", "rmsDbfs", "loudnessLufs",
                          "noiseFloorDbfs", "snrDb", "suddenNoiseShare", "clippedFraction", "clipRuns", "dcOffset",
                          "leadingSilenceSec", "trailingSilenceSec", "qualityScore", "speechFound",
                          "issues", "speechSegments"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  ASSERT_TRUE(j["issues"].is_array());
  ASSERT_FALSE(j["issues"].empty());
  EXPECT_EQ(j["issues"][0]["code"], "no_speech");
  for (const char* key : {"code", "severity", "message", "fix"}) EXPECT_TRUE(j["issues"][0].contains(key));
  EXPECT_EQ(j["speechFound"], false);
  EXPECT_EQ(j["qualityScore"], 0);
}

}  // namespace
}  // namespace echoes::quality
