#pragma once
// A built voice: the speaker's own audio cut into half-phone units with their context,
// pitch marks, join features and the speaker's prosody model. Everything synthesis needs,
// nothing it does not (no transcripts, no alignments). Saved as one file (voice_file.h).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "audio/sample_store.h"
#include "voice/phones.h"

namespace echoes::voice {

/// Join features per unit edge: MFCC c1..c12 (divided by their spread over the voice),
/// c0 (log energy, same scaling) and natural-log F0 (0 when unvoiced).
inline constexpr int kJoinMfccDims = 12;
inline constexpr int kJoinDims = kJoinMfccDims + 2;
inline constexpr int kJoinEnergyIndex = kJoinMfccDims;
inline constexpr int kJoinLogF0Index = kJoinMfccDims + 1;

/// Bits of Unit::flags (position of the unit's phone, and where it comes from).
namespace unit_flags {
inline constexpr std::uint8_t kWordInitial = 1;    ///< first phone of its word
inline constexpr std::uint8_t kWordFinal = 2;      ///< last phone of its word
inline constexpr std::uint8_t kPhraseFinal = 4;    ///< followed by a pause (or the end)
inline constexpr std::uint8_t kPhraseInitial = 8;  ///< preceded by a pause (or the start)
inline constexpr std::uint8_t kSyllableInitial = 16;
inline constexpr std::uint8_t kFillIn = 32;  ///< not recorded: the parametric fill-in (fill_in.h)
}  // namespace unit_flags

/// Unit::context_log_f0_milli of a unit whose place in a phrase is unknown.
inline constexpr std::int16_t kNoIntonationContext = -32768;

/// One half-phone unit: the left half (start..middle) or right half (middle..end) of one
/// aligned phone of the recordings. Plain data, stored as is in the voice file.
/// Units are kept in recording order, so unit i+1 continues unit i in the source exactly
/// when units[i+1].start_sample == units[i].end_sample (joining them costs nothing).
struct Unit {
  PhoneId phone = kPause;
  std::uint8_t half = 0;        ///< 0 = left half, 1 = right half
  PhoneId left = kPause;        ///< phone before this phone in the recording
  PhoneId right = kPause;       ///< phone after this phone in the recording
  std::int8_t stress = 0;       ///< 0 unstressed, 1 stressed (vowels); 0 otherwise
  std::uint8_t flags = 0;       ///< unit_flags bits
  /// The speaker's intonation model (intonation_model.h) at this unit's place in its
  /// recording, log F0 offset from the speaker's mean x 1000; kNoIntonationContext when
  /// unknown (then synthesis compares targets with the unit's own log_f0).
  std::int16_t context_log_f0_milli = kNoIntonationContext;
  std::int32_t utterance = 0;   ///< index into VoiceModel::utterances
  std::int32_t start_sample = 0;  ///< into VoiceModel::samples
  std::int32_t end_sample = 0;    ///< exclusive
  float phone_duration_s = 0.0f;  ///< duration of the whole phone, seconds
  float log_f0 = 0.0f;            ///< mean natural-log F0 over the half, 0 when unvoiced
  std::array<float, kJoinDims> join_start{};  ///< features at the unit's first edge
  std::array<float, kJoinDims> join_end{};    ///< features at the unit's last edge
};

/// One kept recording inside the voice's audio.
struct UtteranceSpan {
  std::int32_t start_sample = 0;
  std::int32_t sample_count = 0;
};

/// The speaker's prosody, measured from the aligned recordings.
struct ProsodyModel {
  float mean_log_f0 = 5.2f;     ///< mean natural-log F0 of voiced speech (5.2 = 181 Hz)
  float sd_log_f0 = 0.15f;      ///< its standard deviation
  float f0_low_hz = 120.0f;     ///< 5th percentile of voiced F0
  float f0_high_hz = 280.0f;    ///< 95th percentile of voiced F0
  /// Speaker's phone duration / flite's predicted duration, per PhoneClass (pause unused).
  std::array<float, kPhoneClassCount> duration_ratio{1, 1, 1, 1, 1, 1, 1, 1};
  float phrase_pause_s = 0.25f;  ///< median pause between phrases inside a recording
  float speech_level_dbfs = -20.0f;  ///< RMS level of the stored speech, dBFS
  float phones_per_s = 12.0f;   ///< speaking rate (speech phones per second of speech)
  // Intonation, as natural-log F0 offsets from mean_log_f0 fitted over the vowels of the
  // recordings (voice/intonation_fit.h); synth/intonation.h turns them into F0 targets.
  // Appended fields: voice files from before them load with these defaults.
  float phrase_base_log_f0 = 0.05f;  ///< an unstressed vowel at the start of a phrase
  float declination_per_s = -0.08f;  ///< change through a phrase, per second
  float phrase_start_log_f0 = 0.03f; ///< extra on the first vowel of a phrase
  float accent_log_f0 = 0.05f;       ///< extra on a stressed vowel
  float final_log_f0 = -0.15f;       ///< last vowel of a sentence (statement), absolute offset
  float continuation_log_f0 = 0.0f;  ///< last vowel before a pause inside a sentence, absolute offset
};

/// A loaded or freshly built voice.
struct VoiceModel {
  std::string name;
  int rate_hz = 22050;
  ProsodyModel prosody;
  std::vector<UtteranceSpan> utterances;
  std::vector<Unit> units;
  /// Pitch marks over `samples`, sorted: voiced marks sit on glottal pulses, unvoiced
  /// marks every few milliseconds (psola works on both).
  std::vector<std::int32_t> marks;
  std::vector<std::uint8_t> mark_voiced;  ///< 1 where marks[i] is a glottal pulse
  /// All kept speech, 16-bit at rate_hz, losslessly compressed (about 45% of raw for read
  /// speech); read stretches with samples.read or an audio::SampleReader.
  audio::SampleStore samples;

  /// Unit indices per (phone, half): units_by_phone[phone * 2 + half]. Derived, not
  /// saved; rebuilt by index_units().
  std::array<std::vector<std::uint32_t>, kPhoneCount * 2> units_by_phone;
  /// Per unit, the share of its samples between two consecutive glottal-pulse marks, in
  /// percent (0..100). Derived from the marks, not saved; rebuilt by index_units(). A
  /// sonorant unit well below 100 was unvoiced or broken in its recording.
  std::vector<std::uint8_t> unit_voiced_percent;

  /// True when the voice has at least one unit of `phone` (both halves).
  bool has_phone(PhoneId phone) const {
    return phone < kPhoneCount && !units_by_phone[phone * 2].empty() &&
           !units_by_phone[phone * 2 + 1].empty();
  }
  double audio_duration_s() const { return rate_hz > 0 ? double(samples.size()) / rate_hz : 0.0; }
  /// Memory held by the voice, bytes: compressed audio and its block table, units, marks,
  /// utterances and the unit index.
  std::size_t memory_bytes() const;
};

/// Fills VoiceModel::units_by_phone and unit_voiced_percent from the units and marks.
void index_units(VoiceModel& voice);

}  // namespace echoes::voice
