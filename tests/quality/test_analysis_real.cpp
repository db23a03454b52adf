// Quality analysis on real recordings from ../shared/data/speech: clean read speech,
// the same speech mixed with the real noise clips at known SNR, clipped copies, and
// noise alone. The SNR definition (docs/quality-analysis.md) is active speech power
// over mean noise power; the truth here uses an ITU-T P.56-style active level of the
// clean file, computed independently of the analyser's own voice detector.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "audio/decode.h"
#include "quality/analysis.h"
#include "support/noise_mixing.h"
#include "support/test_data.h"

namespace echoes::quality {
namespace {

namespace fs = std::filesystem;

struct Clip {
  std::string name;
  audio::Audio audio;
};

audio::Audio load(const fs::path& path) { return audio::decode_audio_file(path).audio; }

std::vector<Clip> speech_clips() {
  std::vector<Clip> clips;
  for (const testing::SpeechTake& take : testing::snr_test_grid().takes) clips.push_back({take.name, testing::load_take(take)});
  return clips;
}

bool has_issue(const RecordingAnalysis& a, const std::string& code) {
  return std::any_of(a.issues.begin(), a.issues.end(), [&](const QualityIssue& i) { return i.code == code; });
}

TEST(AnalysisReal, CleanSpeechScoresHighWithoutNoiseIssues) {
  ECHOES_REQUIRE_SPEECH_DATA();
  double score_sum = 0;
  const std::vector<Clip> clips = speech_clips();
  for (const Clip& clip : clips) {
    const RecordingAnalysis a = analyze_recording(clip.audio);
    SCOPED_TRACE(clip.name);
    EXPECT_TRUE(a.speech_found);
    EXPECT_FALSE(has_issue(a, "noise_floor_high"));
    EXPECT_FALSE(has_issue(a, "snr_low")) << a.snr_db;
    EXPECT_FALSE(has_issue(a, "sudden_noise")) << a.sudden_noise_share;
    EXPECT_FALSE(has_issue(a, "clipping"));
    // The lowest, 080020001 (71), peaks at -0.8 dBFS, speaks at -16 dBFS and has clicks
    // and rumble in its 2.4 s lead-in (plain mean -43 dBFS, measured -45.3).
    EXPECT_GE(a.quality_score, 70);
    score_sum += a.quality_score;
    EXPECT_LT(a.noise_floor_dbfs, -45.0);
    EXPECT_GT(a.speech_duration_s, 0.3 * a.duration_s);
    // RMS over the speech segments agrees with the independent active level.
    const double active_db = 10 * std::log10(testing::p56_active_power(clip.audio.samples, clip.audio.rate_hz));
    EXPECT_NEAR(a.rms_dbfs, active_db, 1.5);
    EXPECT_NEAR(a.loudness_lufs, a.rms_dbfs, 4.0);
    if (clip.name.rfind("arctic", 0) == 0) {
      // Kathleen's takes were trimmed to 0.04-0.2 s of silence (README).
      EXPECT_LT(a.leading_silence_s, 0.3);
      EXPECT_LT(a.trailing_silence_s, 0.35);
    }
  }
  std::printf("clean recordings: mean quality score %.1f over %zu\n", score_sum / clips.size(), clips.size());
  EXPECT_GE(score_sum / clips.size(), 85.0);
}

// Errors (measured - true SNR) of every mix of `grid`, per noise and per kind of noise
// at each SNR; every 10 and 5 dB mix must be flagged snr_low.
struct GridErrors {
  std::map<std::string, testing::ErrorStats> by_noise;
  int mixes = 0, missed = 0, mixes_20 = 0, unflagged_20 = 0;
  std::map<std::string, int> sudden_by_noise;  // "noise @snr" -> mixes warned of sudden noise
};

GridErrors measure_grid(const testing::SnrGrid& grid) {
  GridErrors g;
  testing::for_each_snr_mix(grid, [&](const testing::SnrMix& mix) {
    const RecordingAnalysis a = analyze_recording(mix.audio);
    SCOPED_TRACE(mix.speech_name + " + " + mix.noise_name + " at " + std::to_string(mix.snr_db) + " dB");
    ++g.mixes;
    if (!a.speech_found) {
      ++g.missed;
      return;
    }
    g.sudden_by_noise[mix.noise_name + " @" + std::to_string(static_cast<int>(mix.snr_db))] +=
        has_issue(a, "sudden_noise");
    const double error = a.snr_db - mix.snr_db;
    g.by_noise[mix.noise_name].errors.push_back(error);
    g.by_noise[std::string(testing::noise_is_stationary(mix.noise_name) ? "stationary" : "intermittent") + " @" +
               std::to_string(static_cast<int>(mix.snr_db))].errors.push_back(error);
    if (mix.snr_db <= 10) {
      // Required: 10 and 5 dB are always flagged.
      EXPECT_TRUE(has_issue(a, "snr_low")) << a.snr_db;
    } else {
      ++g.mixes_20;
      g.unflagged_20 += !has_issue(a, "snr_low");
    }
  });
  std::printf("SNR error (measured - true, dB), %s grid, %d mixes, speech missed in %d:\n", grid.name.c_str(), g.mixes,
              g.missed);
  for (const auto& [label, stats] : g.by_noise) std::printf("  %s\n", stats.summary(label).c_str());
  std::printf("20 dB mixes not flagged snr_low: %d of %d\n", g.unflagged_20, g.mixes_20);
  std::printf("mixes warned of sudden noise:");
  for (const auto& [label, count] : g.sudden_by_noise) std::printf(" %s %d,", label.c_str(), count);
  std::printf("\n");
  return g;
}

// What one grid must reach, per kind of noise (share within 3 dB, worst |error|, dB;
// median error within 1 dB when `unbiased`).
struct ErrorBounds {
  double min_within_3db;
  double max_abs_db;
  bool unbiased;
};

struct GridBounds {
  ErrorBounds stationary, dishes, cat;
};

void expect_within_bounds(const GridErrors& g, const GridBounds& bounds) {
  for (const std::string& noise_name : testing::snr_noise_names()) {
    const auto found = g.by_noise.find(noise_name);
    const testing::ErrorStats stats = found != g.by_noise.end() ? found->second : testing::ErrorStats{};
    const ErrorBounds& b = testing::noise_is_stationary(noise_name) ? bounds.stationary
                           : noise_name == "doing_the_dishes"        ? bounds.dishes
                                                                     : bounds.cat;
    SCOPED_TRACE(noise_name);
    if (testing::noise_is_stationary(noise_name)) {
      // A steady noise is never taken for sudden sounds.
      for (const char* snr : {" @20", " @10", " @5"}) {
        const auto warned = g.sudden_by_noise.find(noise_name + snr);
        EXPECT_EQ(warned != g.sudden_by_noise.end() ? warned->second : 0, 0) << snr;
      }
    }
    EXPECT_GE(stats.fraction_within(3.0), b.min_within_3db);
    EXPECT_LE(stats.max_abs(), b.max_abs_db);
    if (b.unbiased) {
      EXPECT_NEAR(stats.median(), 0.0, 1.0);
    }
  }
}

TEST(AnalysisReal, MeasuredSnrTracksTheMixingSnrAndIsFlagged) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const GridErrors g = measure_grid(testing::snr_test_grid());
  EXPECT_LE(g.missed, g.mixes / 100);  // speech is found in at least 99% of the mixes
  // Requirement: within 3 dB of the mixing SNR. Met for steady noise (a few mixes
  // of very dense speech miss by up to ~4.5 dB) and for most dish clatter. Not met
  // for the cat: its events under the words are found neither by the pauses, the
  // per-band floors, the open pauses nor the event finder, so SNR reads high
  // (docs/quality-analysis.md).
  expect_within_bounds(g, {
      .stationary = {0.95, 5.0, true},
      // Measured 95.7 % within 3 dB, worst +4.2 dB (92.8 % before the open pauses,
      // 94.2 % before events stood for the voiced time too).
      .dishes = {0.92, 5.0, true},
      // Measured 60.9 % within 3 dB, worst +15.8 dB (43.5 %, +16.6 dB before the open
      // pauses; 59.4 % before events stood for the voiced time): a documented limit,
      // not the requirement.
      .cat = {0.58, 16.5, false},
  });
  EXPECT_LE(g.unflagged_20, g.mixes_20 / 10);  // 20 dB is under the 25 dB requirement too
}

TEST(AnalysisReal, MeasuredSnrOnPassageLengthTakes) {
  ECHOES_REQUIRE_SPEECH_DATA();
  // 40-49 s takes, as users record the passages (12 takes x 6 noises x 3 SNRs).
  const GridErrors g = measure_grid(testing::snr_passage_test_grid());
  EXPECT_EQ(g.missed, 0);
  expect_within_bounds(g, {
      // Measured 97.2-100 % within 3 dB, worst -3.6 dB (a word-final "-ps" whose
      // closure is longer than the open-pause mask bridges).
      .stationary = {0.95, 4.0, true},
      .dishes = {0.85, 6.0, false},  // measured 88.9 %, worst +5.2 dB
      // Measured 63.9 % within 3 dB, worst +7.7 dB (55.6 % when the bursts and events
      // were spread over all cells, not the unvoiced ones). Before bursts in the pauses
      // were capped, a bang that fell in a pause read one passage 65 dB low.
      .cat = {0.6, 9.0, false},
  });
  EXPECT_LE(g.unflagged_20, g.mixes_20 / 10);  // measured 7 of 72, all cat mixes read high
  // The cat's bangs are named as such: measured 12 and 11 of the 12 takes at 5 and 10 dB
  // (2 at 20 dB, where most bangs are under the event finder's margin; dishes 2 at 5 dB).
  EXPECT_GE(g.sudden_by_noise.at("dude_miaowing @5"), 10);
  EXPECT_GE(g.sudden_by_noise.at("dude_miaowing @10"), 10);
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
  for (const std::string& noise_name : testing::snr_noise_names()) {
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
