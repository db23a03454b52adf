#pragma once
// Step 3 of synthesis: chosen units -> audio. Runs of units between pauses are rendered with
// TD-PSOLA (psola.h): each half-phone unit is stretched part of the way toward its target
// duration (and by the speaking speed), F0 follows the units' own contour moved part of the
// way toward the targets' intonation and smoothed across joins; pauses become silence.
#include <vector>

#include "audio/audio.h"
#include "synth/psola.h"
#include "synth/targets.h"
#include "synth/unit_selection.h"
#include "voice/voice_model.h"

namespace echoes::synth {

struct RenderOptions {
  double speed = 1.0;              ///< speaking speed factor (2 = twice as fast)
  /// How far each unit moves toward its target duration: time scale =
  /// (target / unit duration)^duration_strength, clamped to [min_time_scale, max_time_scale].
  double duration_strength = 0.5;
  double min_time_scale = 0.7;
  double max_time_scale = 1.4;
  /// How far each voiced unit's F0 moves toward its target's intonation: the shift is
  /// intonation_strength * (target half's log F0 - unit's log F0), at most
  /// max_intonation_shift (natural log) either way; PSOLA's ratio limits apply on top.
  /// Measured (scripts/eval-voices.sh --no-asr): strength 0 / 0.5 / 1 gave mean speaker LLR
  /// 0.864 / 0.844 / 0.820 (identification 100% each), so the general contour is followed
  /// half way and only movements that carry meaning (Target::f0_meaningful) fully.
  double intonation_strength = 0.5;
  double meaningful_intonation_strength = 1.0;
  double max_intonation_shift = 0.25;
  double max_meaningful_shift = 0.45;
  PsolaOptions psola;
};

/// Renders `choices` (from select_units over `targets`) at voice.rate_hz, before level
/// normalisation.
audio::Audio render(const voice::VoiceModel& voice, const std::vector<Target>& targets,
                    const std::vector<UnitChoice>& choices, const RenderOptions& options = {});

}  // namespace echoes::synth
