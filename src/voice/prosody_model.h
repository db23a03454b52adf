#pragma once
// Estimating the speaker's prosody model (voice_model.h ProsodyModel) from aligned
// recordings: F0 level and range, intonation (intonation_fit.h), phone durations relative to flite's predictions per
// phone class, the typical pause between phrases, and the speaking rate.
#include <array>
#include <vector>

#include "voice/intonation_fit.h"
#include "voice/voice_model.h"

namespace echoes::voice {

/// Accumulates measurements over recordings; finish() turns them into a ProsodyModel.
class ProsodyAccumulator {
 public:
  /// One voiced F0 value, Hz.
  void add_f0(double f0_hz);
  /// One aligned speech phone: its measured duration and flite's prediction (0 = unknown).
  void add_phone(PhoneId phone, double duration_s, double flite_duration_s);
  /// One pause between words inside a recording, seconds.
  void add_pause(double duration_s);
  /// The vowels of one recording, for the intonation fit (intonation_fit.h).
  void add_vowels(const std::vector<VowelPitch>& vowels);
  /// Speech time of a recording (first phone start to last phone end), seconds.
  void add_speech_time(double duration_s);

  /// The model; fields without data keep ProsodyModel's defaults.
  ProsodyModel finish(double speech_level_dbfs) const;

 private:
  std::vector<float> log_f0_;
  std::array<double, kPhoneClassCount> measured_s_{};
  std::array<double, kPhoneClassCount> predicted_s_{};
  std::vector<float> pauses_s_;
  std::vector<VowelPitch> vowels_;
  double speech_s_ = 0.0;
  long phones_ = 0;
};

}  // namespace echoes::voice
