#pragma once
// Fitting the speaker's intonation (the phrase-level fields of ProsodyModel) from the vowels
// of aligned recordings.
//
// Model, per vowel, in natural-log F0 relative to the speaker's mean:
//   y = base + declination * t + start * [first vowel of its phrase] + accent * [stressed]
//       + final * [last vowel of a statement] + continuation * [last vowel before a pause
//       inside the recording]
// where t is the time from the phrase start (seconds) and a phrase is the speech between
// pauses. The last two indicators replace the rest of the model for those vowels (they are
// fitted as absolute offsets). Least squares, pulled toward ProsodyModel's defaults by a few
// pseudo-observations, so a short recording set gives a sane, speaker-leaning model.
#include <vector>

#include "voice/unit_cutter.h"
#include "voice/voice_model.h"

namespace echoes::voice {

/// One vowel's measurement.
struct VowelPitch {
  double log_f0 = 0.0;        ///< mean natural-log F0 over the vowel's voiced frames
  double time_in_phrase_s = 0.0;
  bool stressed = false;
  bool phrase_initial = false;
  bool sentence_final = false;  ///< last vowel of a recording that is not a question
  bool continuation = false;    ///< last vowel before a pause inside the recording
};

struct IntonationFitOptions {
  int min_vowels = 30;          ///< fewer measured vowels keep the defaults
  double prior_weight = 8.0;    ///< pseudo-observations pulling each parameter to its default
};

/// The vowels of one analysed recording with their F0 and position (usable phones only;
/// vowels with fewer than 3 voiced pitch frames are skipped). A phrase starts after every
/// pause of at least min_pause_s. When `is_question` the recording's last vowel is not marked
/// sentence_final (questions end differently) and is left out.
std::vector<VowelPitch> vowel_pitches(const AnalysedRecording& recording, bool is_question,
                                      double min_pause_s = 0.08);

/// Fits the intonation fields of `model` (phrase_base_log_f0 ... continuation_log_f0) to
/// `vowels`, relative to model.mean_log_f0 (which must already be set). Results are clamped
/// to plausible ranges. Leaves `model` unchanged with fewer than options.min_vowels vowels.
void fit_intonation(const std::vector<VowelPitch>& vowels, ProsodyModel& model,
                    const IntonationFitOptions& options = {});

}  // namespace echoes::voice
