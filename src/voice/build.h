#pragma once
// Building a voice ("training") from a person's transcribed recordings.
//
// Pipeline per recording (docs/voice-engine.md):
//   resample to 22,050 Hz -> forced alignment to the transcript (pocketsphinx, align/)
//   -> recordings that do not say their transcript are excluded and reported
//   -> lexical labels from the text front end (phone_labels.h) -> trim to speech and
//   normalise the speech level -> F0 track and pitch marks -> MFCC at unit edges
//   -> half-phone units with context.
// Then over all kept recordings: the speaker's prosody model (prosody_model.h), units for
// phones the recordings lack from the parametric fill-in (fill_in.h), and scaling of join
// features.
#include <functional>
#include <string>
#include <vector>

#include "align/aligner.h"
#include "voice/manifest.h"
#include "voice/voice_model.h"

namespace echoes::voice {

struct BuildOptions {
  std::string name = "voice";        ///< stored in the voice file
  align::AlignerOptions aligner;     ///< model folder and beams for the forced alignment
  double speech_level_dbfs = -20.0;  ///< RMS level every recording's speech is scaled to, dBFS
  double margin_s = 0.06;            ///< audio kept before the first and after the last phone
  double pitch_hop_s = 0.005;        ///< F0 track hop, seconds
  double min_f0_hz = 55.0;           ///< F0 search range, Hz
  double max_f0_hz = 500.0;
  /// A recording whose only fault is extra speech the text does not account for (a repeat,
  /// a remark) is used in part: only words whose alignment match (nats per frame,
  /// align::AlignedWord::match_per_frame) is at least this become units.
  double partial_word_min_match = -1.0;
  /// Phones the recordings lack get units from the parametric fill-in (fill_in.h): flite's
  /// kal16 voice moved toward the speaker's F0 and spectrum. Off: synthesis substitutes them.
  bool fill_in_missing_phones = true;
  /// Recordings are aligned and analysed on this many threads (0: one per core). The voice
  /// is the same whatever the number: results are merged in recording order.
  int threads = 0;
};

/// Why a recording was not used.
struct ExcludedUtterance {
  std::string id;
  std::string reason;  ///< plain language, e.g. "The recording does not match its transcript."
};

/// What the build did, for people and for the studio.
struct BuildReport {
  int utterances_offered = 0;
  int utterances_used = 0;
  std::vector<ExcludedUtterance> excluded;
  /// Recordings used only in part (their well-matching words), with the aligner's reason.
  std::vector<ExcludedUtterance> partly_used;
  double offered_audio_s = 0.0;   ///< total duration of the decoded recordings
  double used_audio_s = 0.0;      ///< total duration of the recordings used
  double stored_audio_s = 0.0;    ///< speech kept in the voice (trimmed)
  int units = 0;                  ///< half-phone units
  int phones_covered = 0;         ///< of the 39 speech phones
  int phones_total = kPhoneCount - 1;
  std::vector<std::string> missing_phones;  ///< phones the recordings lack (filled in or not)
  /// Of missing_phones, those given fill-in units (unit_flags::kFillIn) instead of recordings.
  std::vector<std::string> filled_in_phones;
  double fill_in_s = 0.0;         ///< wall time of the fill-in, seconds
  int diphones_covered = 0;       ///< distinct phone pairs (pause included) in the recordings
  double mean_match_score = 0.0;  ///< mean align::Alignment::match_score of used recordings
  double alignment_s = 0.0;       ///< wall time in forced alignment, seconds
  double build_s = 0.0;           ///< wall time of the whole build, seconds
};

/// Called with the fraction done (0..1) and a short message, one call at a time (from the
/// build's worker threads while recordings are analysed).
using ProgressCallback = std::function<void(double fraction, const std::string& message)>;

/// Builds a voice from `utterances`. Recordings that fail to load, cannot be aligned, or do
/// not match their transcript are excluded and listed in `report` (when given); recordings
/// that say the text plus something else are used in part and listed as such.
/// Throws echoes::Error(invalid_argument) when no recording can be used, and
/// echoes::Error(unavailable) when the alignment model cannot be loaded.
VoiceModel build_voice(const std::vector<TrainingUtterance>& utterances, const BuildOptions& options,
                       const ProgressCallback& progress = {}, BuildReport* report = nullptr);

}  // namespace echoes::voice
