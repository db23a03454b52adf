#pragma once
// Fitting the speaker's intonation model (intonation_model.h: the phrase-level fields of
// ProsodyModel) to the vowels of aligned recordings: least squares of each vowel's log F0
// (relative to the speaker's mean) on the model's terms, the last vowel of a statement and
// the last vowel before a pause inside a recording fitted as offsets of their own. A few
// pseudo-observations pull each parameter toward ProsodyModel's default, so a short
// recording set gives a sane, speaker-leaning model.
#include <vector>

#include "voice/intonation_model.h"
#include "voice/unit_cutter.h"
#include "voice/voice_model.h"

namespace echoes::voice {

/// One vowel's measurement.
struct VowelPitch {
  double log_f0 = 0.0;  ///< mean natural-log F0 over the vowel's voiced frames
  PhoneContext context;
};

struct IntonationFitOptions {
  int min_vowels = 30;          ///< fewer measured vowels keep the defaults
  double prior_weight = 8.0;    ///< pseudo-observations pulling each parameter to its default
};

/// Where each phone of a recording sits in its phrase (one context per entry of
/// recording.phones). A phrase starts after every pause of at least min_pause_s, seconds
/// (shorter silences inside speech are part of the phrase). When `is_question` (the
/// recording's text ends in "?") its last vowel is question_final, not sentence_final.
std::vector<PhoneContext> phone_contexts(const AnalysedRecording& recording, bool is_question,
                                         double min_pause_s = 0.08);

/// The vowels of one analysed recording with their F0 and context (usable phones only;
/// vowels with fewer than 3 voiced pitch frames and a question's last vowel are skipped).
std::vector<VowelPitch> vowel_pitches(const AnalysedRecording& recording, const std::vector<PhoneContext>& contexts);

/// Fits the intonation fields of `model` (phrase_base_log_f0 ... continuation_log_f0) to
/// `vowels`, relative to model.mean_log_f0 (which must already be set). Results are clamped
/// to plausible ranges. Leaves `model` unchanged with fewer than options.min_vowels vowels.
void fit_intonation(const std::vector<VowelPitch>& vowels, ProsodyModel& model,
                    const IntonationFitOptions& options = {});

}  // namespace echoes::voice
