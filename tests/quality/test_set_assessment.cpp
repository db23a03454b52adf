#include <cmath>
#include <limits>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "quality/prosody_json.h"
#include "quality/set_assessment.h"
#include "quality/set_assessment_json.h"

namespace echoes::quality {
namespace {

VoiceSignature voice(double shift, double f0_hz) {
  VoiceSignature s;
  for (int k = 0; k < kSignatureCoefficients; ++k) {
    s.mfcc_mean[k] = 10.0 - k + shift;
    s.mfcc_stdev[k] = 1.0;
  }
  s.f0_median_hz = f0_hz;
  s.voiced_frames = 1000;
  return s;
}

RecordingSummary take(const std::string& id, const std::string& passage, double seconds,
                      double score) {
  RecordingSummary r;
  r.recording_id = id;
  r.passage_id = passage;
  r.duration_s = seconds;
  r.speech_duration_s = seconds * 0.9;
  r.quality_score = score;
  r.rms_dbfs = -20.0;
  r.noise_floor_dbfs = -60.0;
  r.prosody.f0_median_hz = 180.0;
  r.prosody.f0_range_semitones = 8.0;
  r.prosody.f0_stdev_semitones = 2.5;
  r.prosody.voiced_fraction = 0.6;
  r.prosody.loudness_range_db = 20.0;
  r.prosody.speech_duration_s = seconds * 0.9;
  r.voice = voice(0.0, 180.0);
  r.syllable_count = 150;
  return r;
}

const char* kIds[] = {"conversational-warmth", "emotional-expression", "wisdom-legacy",
                      "technical-clarity"};

TEST(SetAssessment, EmptySetReachesNoTierAndSaysWhatToDo) {
  const SetAssessment a = assess_set({});
  EXPECT_EQ(a.tier, "none");
  EXPECT_EQ(a.next_tier, "minimum");
  EXPECT_EQ(a.passages_done, 0);
  ASSERT_EQ(a.passages.size(), 4u);
  ASSERT_EQ(a.missing_for_next_tier.size(), 2u);
  EXPECT_NE(a.missing_for_next_tier[0].find("Read 3 more passages"), std::string::npos);
  EXPECT_EQ(a.missing_for_next_tier[1], "Record 120 more seconds.");
  EXPECT_EQ(a.coverage.phones_present, 0);
  EXPECT_EQ(a.emotional_range.score, 0);
}

TEST(SetAssessment, MinimumTierBoundaries) {
  std::vector<RecordingSummary> set = {take("a", kIds[0], 40, 60), take("b", kIds[1], 40, 60),
                                       take("c", kIds[2], 40, 60)};
  EXPECT_EQ(assess_set(set).tier, "minimum");  // exactly 120 s, 3 passages, score 60

  auto short_set = set;
  short_set[2].duration_s = 39.5;
  const SetAssessment s = assess_set(short_set);
  EXPECT_EQ(s.tier, "none");
  ASSERT_EQ(s.missing_for_next_tier.size(), 1u);
  EXPECT_EQ(s.missing_for_next_tier[0], "Record 1 more seconds (another take of any passage counts).");

  auto weak_set = set;
  weak_set[0].quality_score = 59.0;
  const SetAssessment w = assess_set(weak_set);
  EXPECT_EQ(w.tier, "none");
  ASSERT_EQ(w.missing_for_next_tier.size(), 1u);
  EXPECT_NE(w.missing_for_next_tier[0].find("'Conversational Warmth' (score 59)"), std::string::npos);

  auto two_passages = set;
  two_passages[2].passage_id = kIds[0];  // a retake, not a new passage
  const SetAssessment t = assess_set(two_passages);
  EXPECT_EQ(t.tier, "none");
  EXPECT_EQ(t.passages_done, 2);
  EXPECT_DOUBLE_EQ(t.total_s, 120.0);  // every usable take counts toward time
}

TEST(SetAssessment, RecommendedNeedsTheFourthPassageByName) {
  std::vector<RecordingSummary> set = {take("a", kIds[0], 45, 85), take("b", kIds[1], 50, 85),
                                       take("c", kIds[2], 55, 85), take("d", kIds[0], 40, 85)};
  const SetAssessment a = assess_set(set);
  EXPECT_EQ(a.tier, "minimum");
  EXPECT_EQ(a.next_tier, "recommended");
  ASSERT_EQ(a.missing_for_next_tier.size(), 1u);
  EXPECT_EQ(a.missing_for_next_tier[0], "Read 'Technical Clarity'.");
  set.push_back(take("e", kIds[3], 40, 85));
  EXPECT_EQ(assess_set(set).tier, "recommended");
}

TEST(SetAssessment, OptimalNeedsExtraTakesAndHighScores) {
  std::vector<RecordingSummary> set;
  for (int i = 0; i < 4; ++i) set.push_back(take("t" + std::to_string(i), kIds[i], 50, 95));
  SetAssessment a = assess_set(set);  // 200 s, all passages, score 95
  EXPECT_EQ(a.tier, "recommended");
  ASSERT_EQ(a.missing_for_next_tier.size(), 1u);
  EXPECT_EQ(a.missing_for_next_tier[0], "Record 40 more seconds (another take of any passage counts).");
  set.push_back(take("retake", kIds[1], 40, 95));
  a = assess_set(set);
  EXPECT_EQ(a.tier, "optimal");
  EXPECT_TRUE(a.next_tier.empty());
  EXPECT_TRUE(a.missing_for_next_tier.empty());
  EXPECT_EQ(a.passages[1].takes, 2);
}

TEST(SetAssessment, BestTakePerPassageAndDurationWeightedScore) {
  std::vector<RecordingSummary> set = {take("first", kIds[0], 30, 70), take("second", kIds[0], 60, 90),
                                       take("third", kIds[0], 45, 90)};
  const SetAssessment a = assess_set(set);
  EXPECT_EQ(a.passages[0].best_recording_id, "third");  // equal best score: the later take
  EXPECT_DOUBLE_EQ(a.passages[0].seconds, 45.0);
  EXPECT_NEAR(a.quality_score, (30 * 70 + 60 * 90 + 45 * 90) / 135.0, 1e-9);
}

TEST(SetAssessment, UnusableAndNonsenseTakesAreExcluded) {
  auto nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<RecordingSummary> set = {take("ok", kIds[0], 40, 80), take("bad", kIds[1], 40, 20),
                                       take("nan", kIds[2], nan, 80), take("nan2", kIds[3], 40, nan)};
  const SetAssessment a = assess_set(set);
  EXPECT_EQ(a.recordings_used, 1);
  EXPECT_EQ(a.excluded_recordings, (std::vector<std::string>{"bad", "nan", "nan2"}));
  EXPECT_DOUBLE_EQ(a.total_s, 40.0);
}

TEST(SetAssessment, CoverageGrowsWithPassagesRead) {
  const SetAssessment one = assess_set({take("a", kIds[3], 40, 80)});
  const SetAssessment all = assess_set({take("a", kIds[0], 40, 80), take("b", kIds[1], 40, 80),
                                        take("c", kIds[2], 40, 80), take("d", kIds[3], 40, 80)});
  EXPECT_GT(one.coverage.diphones_present, 200);
  EXPECT_GT(all.coverage.diphones_present, one.coverage.diphones_present + 200);
  EXPECT_EQ(all.coverage.phones_present, 40);
  // Unknown passage ids count toward time but not coverage.
  EXPECT_EQ(assess_set({take("x", "my-own-text", 40, 80)}).coverage.phones_present, 0);
}

// Issue 17: an incomplete take (read-along check) counts for nothing; a complete take's
// coverage comes from the text actually read.
TEST(SetAssessment, IncompleteTakesCountForNothingAndCoverageIsWhatWasRead) {
  RecordingSummary incomplete = take("short", "wisdom-legacy", 4, 90);
  incomplete.complete = false;
  incomplete.read_text = "";
  const SetAssessment a = assess_set({incomplete});
  EXPECT_EQ(a.passages_done, 0);
  EXPECT_EQ(a.total_s, 0.0);
  EXPECT_EQ(a.excluded_recordings, std::vector<std::string>{"short"});
  EXPECT_EQ(a.coverage.phones_present, 0);

  RecordingSummary partial = take("partial", "wisdom-legacy", 40, 90);
  partial.read_text = "Hello.";
  const SetAssessment b = assess_set({partial});
  EXPECT_EQ(b.passages_done, 1);
  const SetAssessment whole = assess_set({take("whole", "wisdom-legacy", 40, 90)});
  EXPECT_LT(b.coverage.phones_present, whole.coverage.phones_present);
  EXPECT_GT(b.coverage.phones_present, 0);
}

TEST(SetAssessment, ConsistencyFlagsTheOddTakeOnly) {
  std::vector<RecordingSummary> set;
  for (int i = 0; i < 4; ++i) set.push_back(take("t" + std::to_string(i), kIds[i], 45, 85));
  set[0].rms_dbfs = -21.0;
  set[1].rms_dbfs = -19.5;
  set[2].rms_dbfs = -20.5;
  EXPECT_TRUE(assess_set(set).consistency.empty());

  set[3].rms_dbfs = -32.0;        // 11.25 dB below the median (-20.75)
  set[1].noise_floor_dbfs = -38;  // noisy room
  set[2].voice = voice(3.0, 120.0);  // someone else
  const auto flags = assess_set(set).consistency;
  ASSERT_EQ(flags.size(), 3u);
  EXPECT_EQ(flags[0].kind, "level");
  EXPECT_EQ(flags[0].recording_id, "t3");
  EXPECT_NE(flags[0].message.find("'Technical Clarity' recording is 11 dB quieter"), std::string::npos);
  EXPECT_EQ(flags[1].kind, "room_tone");
  EXPECT_EQ(flags[1].recording_id, "t1");
  EXPECT_NE(flags[1].message.find("more background noise"), std::string::npos);
  EXPECT_EQ(flags[2].kind, "voice");
  EXPECT_EQ(flags[2].recording_id, "t2");
}

TEST(SetAssessment, ConsistencyNeedsThreeTakes) {
  std::vector<RecordingSummary> set = {take("a", kIds[0], 45, 85), take("b", kIds[1], 45, 85)};
  set[1].rms_dbfs = -40;
  EXPECT_TRUE(assess_set(set).consistency.empty());
}

TEST(EmotionalRange, VariedReadingScoresHigherThanMonotone) {
  std::vector<RecordingSummary> flat, lively;
  for (int i = 0; i < 4; ++i) {
    RecordingSummary r = take("f" + std::to_string(i), kIds[i], 45, 85);
    r.prosody.f0_range_semitones = 4.0;
    r.prosody.loudness_range_db = 12.0;
    flat.push_back(r);
    RecordingSummary l = take("l" + std::to_string(i), kIds[i], 45, 85);
    l.prosody.f0_range_semitones = 9.0 + 2.0 * i;
    l.prosody.f0_median_hz = 170.0 + 15.0 * i;
    l.prosody.loudness_range_db = 22.0;
    l.syllable_count = 140 + 25 * i;
    lively.push_back(l);
  }
  const EmotionalRange f = measure_emotional_range(flat);
  const EmotionalRange l = measure_emotional_range(lively);
  EXPECT_EQ(f.score, 0);
  EXPECT_GT(l.score, 60);
  EXPECT_EQ(l.passages_measured, 4);
  EXPECT_GT(l.f0_level_spread_semitones, 1.0);
  EXPECT_GT(l.speaking_rate_variation, 0.05);
  EXPECT_FALSE(l.summary.empty());
  EXPECT_EQ(measure_emotional_range({}).score, 0);
}

TEST(SetAssessmentJson, CamelCaseKeysAndRoundTrips) {
  const SetAssessment a = assess_set({take("a", kIds[0], 45, 85)});
  const nlohmann::json j = set_assessment_to_json(a);
  EXPECT_EQ(j["tier"], "none");
  EXPECT_EQ(j["nextTier"], "minimum");
  EXPECT_EQ(j["passages"].size(), 4u);
  EXPECT_EQ(j["passages"][0]["bestRecordingId"], "a");
  EXPECT_TRUE(j["passages"][1]["bestRecordingId"].is_null());
  EXPECT_TRUE(j["coverage"].contains("weightedDiphoneCoverage"));
  EXPECT_TRUE(j["emotionalRange"].contains("score"));
  EXPECT_TRUE(j["consistency"].is_array());

  const RecordingSummary r = take("x", kIds[0], 40, 80);
  const ProsodyFeatures p = prosody_from_json(prosody_to_json(r.prosody));
  EXPECT_DOUBLE_EQ(p.f0_range_semitones, r.prosody.f0_range_semitones);
  const VoiceSignature v = voice_signature_from_json(voice_signature_to_json(r.voice));
  EXPECT_EQ(v.mfcc_mean, r.voice.mfcc_mean);
  EXPECT_EQ(v.voiced_frames, r.voice.voiced_frames);
  EXPECT_THROW(prosody_from_json(nlohmann::json::array()), Error);
  EXPECT_THROW(voice_signature_from_json({{"mfccMean", {1, 2}}}), Error);
  EXPECT_THROW(prosody_from_json({{"f0MedianHz", "high"}}), Error);
}

}  // namespace
}  // namespace echoes::quality
