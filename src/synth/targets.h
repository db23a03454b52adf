#pragma once
// Step 1 of synthesis: the front end's phones become targets, one per phone, carrying what
// unit selection matches on (phone, neighbours, stress, position) and the speaker's
// predicted duration; then phones the voice lacks are replaced (back-off).
#include <cstdint>
#include <vector>

#include "text/phone.h"
#include "voice/phones.h"
#include "voice/voice_model.h"

namespace echoes::synth {

/// One phone (or pause) to be spoken.
struct Target {
  voice::PhoneId phone = voice::kPause;
  voice::PhoneId left = voice::kPause;   ///< previous target's phone
  voice::PhoneId right = voice::kPause;  ///< next target's phone
  int stress = 0;                        ///< 1 stressed vowel, 0 otherwise
  std::uint8_t flags = 0;                ///< voice::unit_flags bits
  double duration_s = 0.0;               ///< the speaker's predicted duration (at speed 1)
  double log_f0 = 0.0;                   ///< intended natural-log F0 at the middle (0 for pauses)
  double log_f0_rise = 0.0;              ///< intended change of log F0 across the phone
  text::PhraseEnd phrase_end = text::PhraseEnd::statement;  ///< how the phone's phrase ends
  /// The F0 movement here carries meaning (a question's rise, a sentence's final fall):
  /// unit selection and render follow it closely.
  bool f0_meaningful = false;
  bool substituted = false;              ///< phone came from the back-off table
  bool is_pause() const { return phone == voice::kPause; }
  /// Intended log F0 of the left (0) or right (1) half (0 for pauses).
  double half_log_f0(int half) const {
    if (log_f0 <= 0) return 0.0;
    return log_f0 + (half == 0 ? -0.25 : 0.25) * log_f0_rise;
  }
};

/// Targets for an analysed utterance: flite's durations times the speaker's per-class
/// ratios; pauses at the ends are short, pauses inside last the speaker's phrase pause;
/// F0 targets from the speaker's intonation model and each phrase's ending (intonation.h).
/// Phones the inventory does not know (none from flite) become pauses.
std::vector<Target> make_targets(const text::Utterance& utterance, const voice::ProsodyModel& prosody);

/// Replaces targets whose phone has no unit in `voice`: first by phone_substitutes (the first
/// sequence whose phones all exist, duration split evenly), then by the same-class phone
/// with the most units, then by the phone with the most units. Recomputes neighbours.
/// Never leaves a phone without units (for a voice with any unit at all).
void apply_phone_backoff(std::vector<Target>& targets, const voice::VoiceModel& voice);

/// Sets left/right of every target from its neighbours.
void set_contexts(std::vector<Target>& targets);

}  // namespace echoes::synth
