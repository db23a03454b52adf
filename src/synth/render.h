#pragma once
// Step 3 of synthesis: chosen units -> audio. Runs of units between pauses are rendered with
// TD-PSOLA (psola.h): each half-phone unit is stretched part of the way toward its target
// duration (and by the speaking speed), F0 follows the units' own contour smoothed across
// joins; pauses become silence.
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
  PsolaOptions psola;
};

/// Renders `choices` (from select_units over `targets`) at voice.rate_hz, before level
/// normalisation.
audio::Audio render(const voice::VoiceModel& voice, const std::vector<Target>& targets,
                    const std::vector<UnitChoice>& choices, const RenderOptions& options = {});

}  // namespace echoes::synth
