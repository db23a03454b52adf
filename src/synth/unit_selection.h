#pragma once
// Step 2 of synthesis: Viterbi unit selection. Each speech target is two half-phone slots
// (left half, right half); each slot gets the voice unit that minimises the sum of target
// costs (how well the unit's context fits the slot) and join costs (how smoothly
// consecutive units connect). Units that follow each other in a recording join for free,
// so long natural stretches of the speaker's audio are preferred.
#include <cstdint>
#include <vector>

#include "synth/targets.h"
#include "voice/voice_model.h"

namespace echoes::synth {

/// Weights of the cost terms (units: cost per mismatch or per unit of distance).
struct SelectionOptions {
  int candidates = 40;              ///< units kept per slot after pruning by target cost
  double near_context = 3.0;        ///< wrong phone on the side the half touches (same class: half)
  double far_context = 1.0;         ///< wrong phone on the other side
  /// Per unit of the unvoiced share of a sonorant unit (vowel, nasal, liquid, glide) in its
  /// recording (VoiceModel::unit_voiced_percent), where the phone it touches is voiced:
  /// such units break voiced stretches (docs/voice-quality.md, "Units that were not voiced").
  double broken_voicing = 3.0;
  /// Fraction of a context cost for a neighbour of the right class but the opposite voicing
  /// (the same voicing: 0.5).
  double opposite_voicing_context = 0.5;
  double stress = 1.0;              ///< stress mismatch (vowels)
  double position = 0.5;            ///< per mismatched word-initial/final flag
  double phrase_position = 1.0;     ///< per mismatched phrase-initial/final flag
  double duration = 1.5;            ///< per unit of |ln(unit duration / target duration)|
  double f0 = 0.5;                  ///< per unit of |ln F0 difference| (voiced units)
  /// ...where the F0 movement carries meaning (Target::f0_meaningful, a question's rise):
  /// recorded phrase ends mostly fall, so without a strong pull the rise gets falling units.
  double meaningful_f0 = 4.0;
  double join = 1.0;                ///< scales the whole join cost
  double join_spectrum = 0.35;      ///< per unit of scaled MFCC distance (Euclidean)
  double join_energy = 0.5;         ///< per unit of scaled energy difference
  double join_f0 = 8.0;             ///< per unit of |ln F0 jump|
  double join_voicing = 1.0;        ///< voiced edge joined to unvoiced edge
  /// Extra cost for a join at a phone boundary (vs mid-phone, diphone-like); its choice is in
  /// docs/voice-engine.md, "Measured".
  double phone_boundary_join = 4.0;
};

/// The unit chosen for one slot. Pauses have one slot with unit == kNoUnit.
struct UnitChoice {
  static constexpr std::uint32_t kNoUnit = 0xFFFFFFFFu;
  int target = 0;          ///< index into the targets
  int half = 0;            ///< 0 left, 1 right
  std::uint32_t unit = kNoUnit;
};

/// Chooses units for `targets` (after apply_phone_backoff). Output in target order: one
/// choice per pause, two per speech target. A phone without units gets kNoUnit (rendered as
/// silence), which apply_phone_backoff prevents.
std::vector<UnitChoice> select_units(const voice::VoiceModel& voice, const std::vector<Target>& targets,
                                     const SelectionOptions& options = {});

/// Target cost of `unit` in slot (target, half). Exposed for tests and diagnostics.
double target_cost(const voice::Unit& unit, const Target& target, int half, const SelectionOptions& options);

/// Join cost of unit `a` followed by unit `b` (indices into voice.units); 0 when b
/// continues a in the recording.
double join_cost(const voice::VoiceModel& voice, std::uint32_t a, std::uint32_t b, const SelectionOptions& options);

}  // namespace echoes::synth
