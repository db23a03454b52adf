// Quality analysis on real recordings from ../shared/data/speech: clean read speech,
// the same speech mixed with the real noise clips at known SNR, clipped copies, and
// noise alone. The SNR definition (docs/quality-analysis.md) is active speech power
// over mean noise power; the truth here uses an ITU-T P.56-style active level of the
// clean file, computed independently of the analyser's own voice detector.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "audio/decode.h"
#include "quality/analysis.h"
#include "support/test_data.h"

namespace echoes::quality {
namespace {

namespace fs = std::filesystem;

struct Clip {
  std::string name;
  audio::Audio audio;
};

audio::Audio load(const fs::path& path) { return audio::decode_audio_file(path).audio; }

// Active speech power after ITU-T P.56 method B, simplified: envelope of |x| through
// two 30 ms one-pole smoothers, 200 ms hangover, threshold found where the active
// level sits 15.9 dB above it.
double active_speech_power(const std::vector<float>& x, int rate_hz) {
  const double g = std::exp(-1.0 / (0.03 * rate_hz));
  std::vector<float> envelope(x.size());
  double p = 0, q = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    p = g * p + (1 - g) * std::fabs(x[i]);
    q = g * q + (1 - g) * p;
    envelope[i] = static_cast<float>(q);
  }
  const auto hangover = static_cast<std::size_t>(0.2 * rate_hz);
  std::vector<float> held(x.size());
  std::deque<std::size_t> window;  // sliding maximum over the hangover
  for (std::size_t i = 0; i < x.size(); ++i) {
    while (!window.empty() && envelope[window.back()] <= envelope[i]) window.pop_back();
    window.push_back(i);
    if (window.front() + hangover < i) window.pop_front();
    held[i] = envelope[window.front()];
  }
  double energy = 0;
  for (float v : x) energy += static_cast<double>(v) * v;
  std::sort(held.begin(), held.end());
  for (double c_db = -100; c_db <= 0; c_db += 0.25) {
    const auto threshold = static_cast<float>(std::pow(10.0, c_db / 20));
    const auto active = static_cast<std::size_t>(held.end() - std::lower_bound(held.begin(), held.end(), threshold));
    if (active == 0) break;
    if (10 * std::log10(energy / active) - c_db <= 15.9) return energy / active;
  }
  return energy / x.size();
}

std::vector<Clip> speech_clips() {
  const fs::path root = testing::speech_dir();
  std::vector<Clip> clips;
  for (int i = 1; i <= 593; i += 59) {  // 11 Kathleen prompts spread over the set
    char name[32];
    std::snprintf(name, sizeof name, "arctic_a%04d.flac", i);
    clips.push_back({name, load(root / "kathleen/audio" / name)});
  }
  for (const char* speaker : {"9600", "9614", "9616", "9649", "8002", "9628"}) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(root / "speechocean" / speaker / "audio")) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (std::size_t k : {0u, 7u}) clips.push_back({files[k].filename().string(), load(files[k])});
  }
  return clips;
}

const std::vector<std::string>& noise_names() {
  static const std::vector<std::string> names = {"doing_the_dishes", "dude_miaowing", "exercise_bike",
                                                 "pink_noise",       "running_tap",   "white_noise"};
  return names;
}

bool stationary(const std::string& noise) { return noise != "doing_the_dishes" && noise != "dude_miaowing"; }

bool has_issue(const RecordingAnalysis& a, const std::string& code) {
  return std::any_of(a.issues.begin(), a.issues.end(), [&](const QualityIssue& i) { return i.code == code; });
}

TEST(AnalysisReal, CleanSpeechScoresHighWithoutNoiseIssues) {
  ECHOES_REQUIRE_SPEECH_DATA();
  for (const Clip& clip : speech_clips()) {
    const RecordingAnalysis a = analyze_recording(clip.audio);
    SCOPED_TRACE(clip.name);
    EXPECT_TRUE(a.speech_found);
    EXPECT_FALSE(has_issue(a, "noise_floor_high"));
    EXPECT_FALSE(has_issue(a, "snr_low")) << a.snr_db;
    EXPECT_FALSE(has_issue(a, "clipping"));
    EXPECT_GE(a.quality_score, 75);
    EXPECT_LT(a.noise_floor_dbfs, -45.0);
    EXPECT_GT(a.speech_duration_s, 0.3 * a.duration_s);
    // RMS over the speech segments agrees with the independent active level.
    const double active_db = 10 * std::log10(active_speech_power(clip.audio.samples, clip.audio.rate_hz));
    EXPECT_NEAR(a.rms_dbfs, active_db, 1.5);
    EXPECT_NEAR(a.loudness_lufs, a.rms_dbfs, 4.0);
    if (clip.name.rfind("arctic", 0) == 0) {
      // Kathleen's takes were trimmed to 0.04-0.2 s of silence (README).
      EXPECT_LT(a.leading_silence_s, 0.3);
      EXPECT_LT(a.trailing_silence_s, 0.35);
    }
  }
}

struct ErrorStats {
  std::vector<double> errors;
  void print(const std::string& label) {
    std::sort(errors.begin(), errors.end());
    double mean = 0, max_abs = 0;
    std::size_t within = 0;
    for (double e : errors) {
      mean += e;
      max_abs = std::max(max_abs, std::fabs(e));
      within += std::fabs(e) <= 3.0;
    }
    std::printf("  %-22s n=%3zu mean %+5.2f median %+5.2f min %+6.2f max %+6.2f  |err|<=3: %5.1f%%\n",
                label.c_str(), errors.size(), mean / errors.size(), errors[errors.size() / 2],
                errors.front(), errors.back(), 100.0 * within / errors.size());
  }
  double fraction_within(double limit) const {
    return static_cast<double>(std::count_if(errors.begin(), errors.end(),
                                             [&](double e) { return std::fabs(e) <= limit; })) /
           errors.size();
  }
  double max_abs() const {
    double m = 0;
    for (double e : errors) m = std::max(m, std::fabs(e));
    return m;
  }
};

TEST(AnalysisReal, MeasuredSnrTracksTheMixingSnrAndIsFlagged) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto clips = speech_clips();
  std::map<std::string, ErrorStats> by_noise;
  int mixes = 0, missed = 0, unflagged_20 = 0, mixes_20 = 0, idx = 0;
  for (const std::string& noise_name : noise_names()) {
    const audio::Audio noise = load(testing::speech_dir() / "noise" / (noise_name + ".flac"));
    for (const Clip& clip : clips) {
      const auto& s = clip.audio.samples;
      const double speech_power = active_speech_power(s, clip.audio.rate_hz);
      // A different, deterministic stretch of the noise for every mix.
      const std::size_t offset = (static_cast<std::size_t>(++idx) * 292993u) % (noise.samples.size() - s.size());
      double noise_power = 0;
      for (std::size_t i = 0; i < s.size(); ++i) noise_power += double(noise.samples[offset + i]) * noise.samples[offset + i];
      noise_power /= s.size();
      for (double snr_db : {20.0, 10.0, 5.0}) {
        const double gain = std::sqrt(speech_power / (noise_power * std::pow(10.0, snr_db / 10)));
        audio::Audio mix = clip.audio;
        for (std::size_t i = 0; i < s.size(); ++i) mix.samples[i] += static_cast<float>(gain * noise.samples[offset + i]);
        const RecordingAnalysis a = analyze_recording(mix);
        SCOPED_TRACE(clip.name + " + " + noise_name + " at " + std::to_string(snr_db) + " dB");
        ++mixes;
        if (!a.speech_found) {
          ++missed;
          continue;
        }
        const double error = a.snr_db - snr_db;
        by_noise[noise_name].errors.push_back(error);
        by_noise[std::string(stationary(noise_name) ? "stationary" : "intermittent") + " @" +
                 std::to_string(static_cast<int>(snr_db))].errors.push_back(error);
        if (snr_db <= 10) {
          // Required: 10 and 5 dB are always flagged.
          EXPECT_TRUE(has_issue(a, "snr_low")) << a.snr_db;
        } else {
          ++mixes_20;
          unflagged_20 += !has_issue(a, "snr_low");
        }
      }
    }
  }
  std::printf("SNR error (measured - true, dB), %d mixes, speech missed in %d:\n", mixes, missed);
  for (auto& [label, stats] : by_noise) stats.print(label);
  std::printf("20 dB mixes not flagged snr_low: %d of %d\n", unflagged_20, mixes_20);

  EXPECT_LE(missed, mixes / 100);  // speech is found in at least 99% of the mixes
  // Requirement: within 3 dB of the mixing SNR. Met for steady noise (a few mixes
  // of very dense speech miss by up to ~4.5 dB) and for most dish clatter. Not met
  // for the cat: a bang or miaow on top of a vowel is found neither by the pauses, the
  // per-band floors nor the event finder (noise_events.h), so SNR reads high
  // (docs/quality-analysis.md).
  for (const std::string& noise_name : noise_names()) {
    ErrorStats stats = by_noise[noise_name];
    std::sort(stats.errors.begin(), stats.errors.end());
    SCOPED_TRACE(noise_name);
    if (stationary(noise_name)) {
      EXPECT_GE(stats.fraction_within(3.0), 0.95);
      EXPECT_LE(stats.max_abs(), 5.0);
      EXPECT_NEAR(stats.errors[stats.errors.size() / 2], 0.0, 1.0);  // median: no bias
    } else if (noise_name == "doing_the_dishes") {
      // Measured 92.8 % within 3 dB, worst +4.2 dB (87.0 %, +5.2 dB before the event finder).
      EXPECT_GE(stats.fraction_within(3.0), 0.90);
      EXPECT_LE(stats.max_abs(), 5.0);
      EXPECT_NEAR(stats.errors[stats.errors.size() / 2], 0.0, 1.0);
    } else {
      // Measured 43.5 % within 3 dB, worst +16.6 dB (36.2 %, +17.6 dB before the event
      // finder): a documented limit, not the requirement.
      EXPECT_GE(stats.fraction_within(3.0), 0.40);
      EXPECT_LE(stats.max_abs(), 17.5);
    }
  }
  EXPECT_LE(unflagged_20, mixes_20 / 10);  // 20 dB is under the 25 dB requirement too
}

TEST(AnalysisReal, GainBoostedCopiesAreFlaggedWithTheRightClippedFraction) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto clips = speech_clips();
  for (std::size_t k = 0; k < clips.size(); k += 3) {
    audio::Audio boosted = clips[k].audio;
    std::size_t truly_clipped = 0;
    for (float& v : boosted.samples) {
      v *= 10.0f;  // +20 dB, then the converter's hard limit
      truly_clipped += std::fabs(v) >= 1.0f;
      v = std::clamp(v, -1.0f, 1.0f);
    }
    const double truth = static_cast<double>(truly_clipped) / boosted.samples.size();
    const RecordingAnalysis a = analyze_recording(boosted);
    SCOPED_TRACE(clips[k].name);
    EXPECT_TRUE(a.speech_found);
    EXPECT_GT(truth, 0.001);
    // Lone samples at the limit are not counted as clipping, so allow 10 %.
    EXPECT_NEAR(a.clipped_fraction, truth, 0.10 * truth);
    EXPECT_GT(a.clip_runs, 0);
    ASSERT_TRUE(has_issue(a, "clipping"));
    EXPECT_LT(a.quality_score, analyze_recording(clips[k].audio).quality_score);
  }
}

TEST(AnalysisReal, NoiseAloneIsNotSpeech) {
  ECHOES_REQUIRE_SPEECH_DATA();
  for (const std::string& noise_name : noise_names()) {
    const audio::Audio noise = load(testing::speech_dir() / "noise" / (noise_name + ".flac"));
    const std::size_t chunk = 5 * noise.rate_hz;
    int chunks = 0, found = 0;
    for (std::size_t start = 0; start + chunk <= noise.samples.size(); start += chunk) {
      audio::Audio piece;
      piece.rate_hz = noise.rate_hz;
      piece.samples.assign(noise.samples.begin() + start, noise.samples.begin() + start + chunk);
      for (float& v : piece.samples) v *= 10.0f;  // +20 dB: as loud as speech
      ++chunks;
      found += analyze_recording(piece).speech_found;
    }
    std::printf("%-18s 5 s chunks with speech found: %d of %d\n", noise_name.c_str(), found, chunks);
    SCOPED_TRACE(noise_name);
    if (noise_name == "dude_miaowing") {
      // Known limit: a cat's miaow is a voiced, gliding call; some land in the voice range.
      // Measured 2 of 12 (both chunks hold a clear miaow at 290-390 Hz); the clip's
      // low thumps (55-67 Hz) no longer pass since the voice range starts at 70 Hz.
      EXPECT_LE(found, chunks / 6);
    } else {
      EXPECT_EQ(found, 0);
      const RecordingAnalysis whole = analyze_recording(noise);
      EXPECT_FALSE(whole.speech_found);
      ASSERT_FALSE(whole.issues.empty());
      EXPECT_EQ(whole.issues.front().code, "no_speech");
    }
  }
}

}  // namespace
}  // namespace echoes::quality
