#pragma once
// Parametric fill-in for phones a speaker's recordings lack (with 2-3 minutes of speech
// "zh" and "oy" are often missing): flite's kal16 diphone voice speaks carrier phrases
// containing the phone (fill_in_carriers.h), its F0 set to the speaker's level and spread,
// its spectral envelope moved toward the speaker's (spectral_mapping.h, learned by having
// kal16 speak the speaker's own transcripts and comparing the same phones), its level set
// to the voice's; the result is cut into half-phone units like a recording, only the
// missing phones kept, flagged unit_flags::kFillIn. Synthesis then needs no back-off
// (synth/targets.h keeps the substitution table for when the fill-in fails).
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audio/mfcc.h"
#include "audio/pitch.h"
#include "text/flite_speech.h"
#include "voice/spectral_mapping.h"
#include "voice/unit_cutter.h"
#include "voice/voice_model.h"

namespace echoes::voice {

struct FillInOptions {
  std::string flite_voice = "kal16";   ///< deterministic diphone voice (16 kHz)
  SpectralMappingOptions mapping;
  /// Transcripts of the recordings kal16 speaks to learn the spectral mapping (each costs
  /// a few milliseconds of build time).
  std::size_t max_calibration_texts = 20;
  bool convert_f0 = true;        ///< speak at the speaker's F0 level and spread
  bool convert_spectrum = true;  ///< apply the learned envelope mapping
  // Analysis of the converted carriers, as for the recordings (build.h sets these).
  double margin_s = 0.06;            ///< audio kept around the speech, seconds
  double speech_level_dbfs = -20.0;  ///< RMS level of the speech, dBFS
  audio::PitchOptions pitch;
  audio::MfccOptions mfcc;
};

/// Speech phones of which `voice` has no recorded unit (either half missing; fill-in units
/// do not count), in id order.
std::vector<PhoneId> phones_without_units(const VoiceModel& voice);

/// flite prosody that puts the voice's F0 at the speaker's: mean exp(mean_log_f0) Hz,
/// spread mean x sd_log_f0 Hz.
text::FliteProsody speaker_flite_prosody(const ProsodyModel& prosody);

/// Learns the envelope mapping from options.flite_voice to the speaker of `voice`: the flite
/// voice speaks up to max_calibration_texts of `transcripts` with `prosody`; mean envelopes
/// of the middles of the same phones are compared (the speaker's from the voice's recorded
/// units). Identity mapping when nothing can be compared.
SpectralMapping learn_speaker_mapping(const VoiceModel& voice, std::span<const std::string> transcripts,
                                      const text::FliteProsody& prosody, const FillInOptions& options);

/// The flite voice speaking `text` with `prosody`, resampled to `rate_hz`, envelope mapped
/// by `mapping` (curve per phone: mapping_curve), trimmed and levelled, with F0 track, MFCCs,
/// pitch marks and labels from flite's segmentation; only phones listed in `wanted` are
/// usable. Empty audio when the text has no speech.
AnalysedRecording converted_carrier(std::string_view text, std::span<const PhoneId> wanted, const text::FliteProsody& prosody,
                                    const audio::EnvelopeMapping& mapping, int rate_hz, const FillInOptions& options);

struct FillInResult {
  std::vector<PhoneId> filled;  ///< phones that now have fill-in units
  SpectralMapping mapping;      ///< the mapping used
};

/// Adds fill-in units (flagged unit_flags::kFillIn, one utterance per phone) to `voice` for
/// every phone in `missing`, converted toward the speaker (voice.prosody must be final).
/// A phone whose carriers fail to give units is left out of the result (never throws for
/// one phone). Join features are left unscaled, like append_recording's.
FillInResult fill_in_phones(VoiceModel& voice, std::span<const PhoneId> missing, std::span<const std::string> transcripts,
                            const FillInOptions& options = {});

}  // namespace echoes::voice
