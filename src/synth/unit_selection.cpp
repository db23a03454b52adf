#include "synth/unit_selection.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace echoes::synth {
namespace {

using voice::PhoneId;

/// 0 for the same phone; within a manner class 0.5, or `opposite_voicing` when one is voiced
/// and the other not (t for d: the unit's edge carries the other voicing); 1 otherwise.
double context_mismatch(PhoneId want, PhoneId have, double opposite_voicing) {
  if (want == have) return 0.0;
  if (voice::phone_class(want) != voice::phone_class(have)) return 1.0;
  return voice::is_voiced_phone(want) == voice::is_voiced_phone(have) ? 0.5 : opposite_voicing;
}

double flag_mismatch(std::uint8_t a, std::uint8_t b, std::uint8_t bit) { return ((a ^ b) & bit) ? 1.0 : 0.0; }

struct Slot {
  int target;
  int half;
  std::vector<std::uint32_t> units;  // candidates
  std::vector<double> cost;          // target cost per candidate
};

Slot make_slot(const voice::VoiceModel& voice, const std::vector<Target>& targets, int t, int half,
               const SelectionOptions& options) {
  Slot slot{t, half, {}, {}};
  const Target& target = targets[t];
  if (target.phone >= voice::kPhoneCount) return slot;
  const auto& all = voice.units_by_phone[target.phone * 2 + half];
  std::vector<std::pair<double, std::uint32_t>> scored;
  scored.reserve(all.size());
  // Between voiced sounds a sonorant must be voiced from edge to edge. Next to a voiceless
  // phone or a pause its edge fades as it did in the recording, which is a cue to that
  // consonant, so there the recorded voicing is left alone.
  const voice::PhoneId near = half == 0 ? target.left : target.right;
  const bool sonorant = voice::is_sonorant(target.phone) && voice::is_voiced_phone(near);
  for (std::uint32_t u : all) {
    double cost = target_cost(voice.units[u], target, half, options);
    if (sonorant && u < voice.unit_voiced_percent.size()) {
      cost += options.broken_voicing * (1.0 - voice.unit_voiced_percent[u] / 100.0);
    }
    scored.emplace_back(cost, u);
  }
  const auto keep = std::min<std::size_t>(scored.size(), std::size_t(std::max(1, options.candidates)));
  std::partial_sort(scored.begin(), scored.begin() + long(keep), scored.end());
  for (std::size_t k = 0; k < keep; ++k) {
    slot.units.push_back(scored[k].second);
    slot.cost.push_back(scored[k].first);
  }
  return slot;
}

/// Viterbi over consecutive slots (one run between pauses); returns the chosen units.
std::vector<std::uint32_t> viterbi(const voice::VoiceModel& voice, const std::vector<Slot>& slots,
                                   const SelectionOptions& options) {
  const std::size_t n = slots.size();
  std::vector<std::vector<double>> total(n);
  std::vector<std::vector<int>> back(n);
  for (std::size_t s = 0; s < n; ++s) {
    const auto& cur = slots[s];
    total[s].assign(cur.units.size(), 0.0);
    back[s].assign(cur.units.size(), -1);
    for (std::size_t j = 0; j < cur.units.size(); ++j) {
      double best = 0.0;
      int arg = -1;
      if (s > 0 && !slots[s - 1].units.empty()) {
        best = std::numeric_limits<double>::infinity();
        const auto& prev = slots[s - 1];
        for (std::size_t i = 0; i < prev.units.size(); ++i) {
          const double c = total[s - 1][i] + options.join * join_cost(voice, prev.units[i], cur.units[j], options);
          if (c < best) { best = c; arg = int(i); }
        }
      }
      total[s][j] = best + cur.cost[j];
      back[s][j] = arg;
    }
  }
  // Backtrack; a slot without candidates breaks the chain, and the path restarts at the
  // best candidate of the slot before it.
  std::vector<std::uint32_t> chosen(n, UnitChoice::kNoUnit);
  int j = -1;
  for (std::size_t s = n; s-- > 0;) {
    if (slots[s].units.empty()) {
      j = -1;
      continue;
    }
    if (j < 0) j = int(std::min_element(total[s].begin(), total[s].end()) - total[s].begin());
    chosen[s] = slots[s].units[std::size_t(j)];
    j = back[s][std::size_t(j)];
  }
  return chosen;
}

}  // namespace

double target_cost(const voice::Unit& unit, const Target& target, int half, const SelectionOptions& o) {
  const PhoneId near_want = half == 0 ? target.left : target.right;
  const PhoneId near_have = half == 0 ? unit.left : unit.right;
  const PhoneId far_want = half == 0 ? target.right : target.left;
  const PhoneId far_have = half == 0 ? unit.right : unit.left;
  double cost = o.near_context * context_mismatch(near_want, near_have, o.opposite_voicing_context) +
                o.far_context * context_mismatch(far_want, far_have, o.opposite_voicing_context);
  if (voice::is_vowel_id(target.phone) && target.stress != unit.stress) cost += o.stress;
  cost += o.position * (flag_mismatch(target.flags, unit.flags, voice::unit_flags::kWordInitial) +
                        flag_mismatch(target.flags, unit.flags, voice::unit_flags::kWordFinal));
  const std::uint8_t phrase_bit = half == 0 ? voice::unit_flags::kPhraseInitial : voice::unit_flags::kPhraseFinal;
  cost += o.phrase_position * flag_mismatch(target.flags, unit.flags, phrase_bit);
  if (target.duration_s > 0 && unit.phone_duration_s > 0) {
    cost += o.duration * std::abs(std::log(unit.phone_duration_s / target.duration_s));
  }
  const double wanted_log_f0 = target.half_log_f0(half);
  if (wanted_log_f0 > 0 && unit.log_f0 > 0) {
    cost += (target.f0_meaningful ? o.meaningful_f0 : o.f0) * std::abs(unit.log_f0 - wanted_log_f0);
  }
  return cost;
}

double join_cost(const voice::VoiceModel& voice, std::uint32_t a, std::uint32_t b, const SelectionOptions& o) {
  if (b == a + 1 && voice.units[b].start_sample == voice.units[a].end_sample) return 0.0;
  const auto& ea = voice.units[a].join_end;
  const auto& sb = voice.units[b].join_start;
  double d2 = 0.0;
  for (int k = 0; k < voice::kJoinMfccDims; ++k) {
    const double d = ea[k] - sb[k];
    d2 += d * d;
  }
  double cost = o.join_spectrum * std::sqrt(d2) +
                o.join_energy * std::abs(ea[voice::kJoinEnergyIndex] - sb[voice::kJoinEnergyIndex]);
  const float fa = ea[voice::kJoinLogF0Index], fb = sb[voice::kJoinLogF0Index];
  if (fa > 0 && fb > 0) {
    cost += o.join_f0 * std::abs(fa - fb);
  } else if ((fa > 0) != (fb > 0)) {
    cost += o.join_voicing;
  }
  if (voice.units[a].half == 1 && voice.units[b].half == 0) cost += o.phone_boundary_join;
  return cost;
}

std::vector<UnitChoice> select_units(const voice::VoiceModel& voice, const std::vector<Target>& targets,
                                     const SelectionOptions& options) {
  std::vector<UnitChoice> out;
  out.reserve(targets.size() * 2);
  std::vector<Slot> run;
  const auto flush = [&] {
    const auto chosen = viterbi(voice, run, options);
    for (std::size_t s = 0; s < run.size(); ++s) out.push_back({run[s].target, run[s].half, chosen[s]});
    run.clear();
  };
  for (int t = 0; t < int(targets.size()); ++t) {
    if (targets[t].is_pause()) {
      flush();
      out.push_back({t, 0, UnitChoice::kNoUnit});
      continue;
    }
    run.push_back(make_slot(voice, targets, t, 0, options));
    run.push_back(make_slot(voice, targets, t, 1, options));
  }
  flush();
  return out;
}

}  // namespace echoes::synth
