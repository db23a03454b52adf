#pragma once
// Step 3 of synthesis: chosen units -> audio. Runs of units between pauses are rendered with
// TD-PSOLA (psola.h): each half-phone unit keeps its own duration (scaled by the speaking
// speed) and its own F0 contour, except where the F0 movement carries meaning (a question's
// rise, a sentence's fall: moved onto the target) and at joins (steps spread out); pauses
// become silence.
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
  /// 0 keeps the units' own durations: unit selection already prefers units of the right
  /// length, and stretching by repeating grains costs voicing continuity and intelligibility
  /// (docs/voice-engine.md, "Render").
  double duration_strength = 0.0;
  double min_time_scale = 0.7;
  double max_time_scale = 1.4;
  /// How far each voiced unit's F0 moves to the intonation wanted: the shift is
  /// intonation_strength x (target half's log F0 - the speaker's modelled log F0 at the unit's
  /// place in its recording), so the unit keeps its own deviation from the model; where the
  /// movement carries meaning (Target::f0_meaningful) the shift is
  /// meaningful_intonation_strength x (target - the unit's own log F0), to land on it. At most
  /// max_intonation_shift (max_meaningful_shift), natural log; PSOLA's ratio limits apply on
  /// top. 0 leaves the units' own F0 (unit selection already prefers units near the target
  /// contour): every F0 change costs voicing continuity and periodicity, while its gain in
  /// intelligibility was within noise (docs/voice-quality.md, issue 13 section).
  double intonation_strength = 0.0;
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
