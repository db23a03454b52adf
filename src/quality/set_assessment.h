#pragma once
// Assessment of a person's whole set of recordings: how much is recorded, which passages
// are done, the tier reached and what is missing for the next one, phonetic coverage,
// emotional range and consistency across recordings. Rules: docs/passages.md.
#include <optional>
#include <string>
#include <vector>

#include "quality/prosody.h"
#include "quality/voice_signature.h"
#include "text/coverage.h"

namespace echoes::quality {

/// What the set assessment needs from one stored recording (the server fills it from the
/// recording's stored analysis). Give recordings in the order they were made.
struct RecordingSummary {
  std::string recording_id;
  std::string passage_id;          ///< a text::Passage id; unknown ids count toward time only
  double duration_s = 0.0;         ///< whole recording, seconds
  double speech_duration_s = 0.0;  ///< speech within it, seconds
  double quality_score = 0.0;      ///< 0..100 from the per-recording analysis
  double rms_dbfs = 0.0;           ///< speech level, dBFS
  double noise_floor_dbfs = 0.0;   ///< room tone, dBFS
  ProsodyFeatures prosody;
  VoiceSignature voice;
  int syllable_count = 0;          ///< syllables of the text read (0 = unknown)
  /// Read-along verdict (studio/read_along.h): an incomplete take (too few sentences read)
  /// counts for nothing, like an unusable one.
  bool complete = true;
  /// The text actually read (the read sentences); nullopt when not verified, then the
  /// passage text is assumed. Phonetic coverage is measured from it.
  std::optional<std::string> read_text;
};

struct TierRequirement {
  std::string name;          ///< "minimum", "recommended", "optimal"
  std::string title;         ///< "Minimum", ...
  double min_total_s;        ///< recorded seconds, all usable takes together
  int min_passages;          ///< distinct passages read; -1 = all passages
  double min_quality_score;  ///< duration-weighted mean score of the usable takes
};

struct SetAssessmentOptions {
  std::vector<TierRequirement> tiers = {
      {"minimum", "Minimum", 120.0, 3, 60.0},
      {"recommended", "Recommended", 180.0, 4, 80.0},
      {"optimal", "Optimal", 240.0, -1, 90.0}};
  /// Takes scoring below this, and incomplete takes, are unusable: they count for nothing
  /// (and are reported in excluded_recordings).
  double min_usable_score = 40.0;
  // Consistency: a value is flagged when it is further from the set's median than
  // max(outlier_mads * 1.4826 * MAD, the minimum difference below). Needs >= 3 takes.
  double outlier_mads = 3.0;
  double min_level_difference_db = 6.0;
  double min_noise_difference_db = 10.0;
  double min_voice_distance = 1.0;  ///< voice_distance to the set's median signature
};

/// Progress on one passage. The best take is the usable take with the highest quality
/// score (the later take wins a tie).
struct PassageProgress {
  std::string passage_id;
  std::string title;
  double target_duration_s = 0.0;
  bool done = false;
  int takes = 0;                   ///< usable takes of this passage
  std::string best_recording_id;   ///< empty when not done
  double seconds = 0.0;            ///< duration of the best take
  double quality_score = 0.0;      ///< score of the best take
};

/// Prosodic variety across the passages' best takes; a 0-100 score (docs/passages.md).
struct EmotionalRange {
  int score = 0;
  int passages_measured = 0;
  double mean_f0_range_semitones = 0.0;     ///< within-passage pitch movement
  double mean_loudness_range_db = 0.0;      ///< within-passage loudness dynamics
  double f0_level_spread_semitones = 0.0;   ///< stdev of median F0 across passages
  double f0_range_spread_semitones = 0.0;   ///< stdev of F0 range across passages
  double speaking_rate_variation = 0.0;     ///< coefficient of variation of syllables/s
  std::string summary;                      ///< plain-language reading of the score
};

struct ConsistencyFlag {
  std::string recording_id;
  std::string passage_id;
  std::string kind;         ///< "level" | "room_tone" | "voice"
  double value = 0.0;       ///< the recording's value (dBFS, dBFS, or voice distance)
  double set_median = 0.0;  ///< the set's median of the same quantity
  std::string message;      ///< plain language, with what to do
};

struct SetAssessment {
  double total_s = 0.0;            ///< all usable takes, seconds
  int recordings_used = 0;
  std::vector<std::string> excluded_recordings;  ///< ids of unusable takes
  std::vector<PassageProgress> passages;         ///< in reading order
  int passages_done = 0;
  double quality_score = 0.0;      ///< duration-weighted mean score of usable takes, 0..100
  std::string tier;                ///< name of the tier reached, "none" below the first
  std::string next_tier;           ///< name of the next tier, empty at the top
  std::vector<std::string> missing_for_next_tier;  ///< plain-language steps
  text::Coverage coverage;         ///< phones/diphones of the text read in the usable takes
  EmotionalRange emotional_range;
  std::vector<ConsistencyFlag> consistency;
};

/// Assesses a set of recordings. Never throws for odd input: negative or NaN numbers are
/// treated as 0 / missing.
SetAssessment assess_set(const std::vector<RecordingSummary>& recordings,
                         const SetAssessmentOptions& options = {});

/// The emotional-range part on its own, from one summary per passage (best takes).
EmotionalRange measure_emotional_range(const std::vector<RecordingSummary>& best_takes);

/// Consistency flags for the usable takes (see SetAssessmentOptions).
std::vector<ConsistencyFlag> check_consistency(const std::vector<RecordingSummary>& takes,
                                               const SetAssessmentOptions& options = {});

}  // namespace echoes::quality
