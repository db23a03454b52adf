#include "synth/targets.h"

#include <algorithm>

#include "synth/intonation.h"

namespace echoes::synth {

using voice::kPause;
using voice::PhoneId;

namespace {

constexpr double kEdgePauseS = 0.12;
constexpr double kMinPhoneS = 0.03;

std::uint8_t word_flags(const std::vector<text::Phone>& phones, std::size_t i) {
  std::uint8_t flags = 0;
  const int word = phones[i].word_index;
  if (i == 0 || phones[i - 1].word_index != word) flags |= voice::unit_flags::kWordInitial;
  if (i + 1 >= phones.size() || phones[i + 1].word_index != word) flags |= voice::unit_flags::kWordFinal;
  if (phones[i].syllable_start) flags |= voice::unit_flags::kSyllableInitial;
  return flags;
}

/// Phrase flags need the final sequence (pauses in place).
void set_phrase_positions(std::vector<Target>& targets) {
  for (std::size_t i = 0; i < targets.size(); ++i) {
    Target& t = targets[i];
    if (t.is_pause()) continue;
    t.flags &= std::uint8_t(~(voice::unit_flags::kPhraseInitial | voice::unit_flags::kPhraseFinal));
    if (i == 0 || targets[i - 1].is_pause()) t.flags |= voice::unit_flags::kPhraseInitial;
    const bool final = i + 1 >= targets.size() || targets[i + 1].is_pause();
    if (final) t.flags |= voice::unit_flags::kPhraseFinal;
  }
}

PhoneId most_frequent(const voice::VoiceModel& voice, bool same_class_only, voice::PhoneClass cls) {
  PhoneId best = voice::kUnknownPhone;
  std::size_t best_count = 0;
  for (int p = 1; p < voice::kPhoneCount; ++p) {
    const auto id = PhoneId(p);
    if (same_class_only && voice::phone_class(id) != cls) continue;
    if (!voice.has_phone(id)) continue;
    const std::size_t count = voice.units_by_phone[p * 2].size();
    if (count > best_count) { best_count = count; best = id; }
  }
  return best;
}

std::vector<PhoneId> replacement_for(PhoneId phone, const voice::VoiceModel& voice) {
  for (const auto& seq : voice::phone_substitutes(phone)) {
    if (std::all_of(seq.begin(), seq.end(), [&](PhoneId p) { return voice.has_phone(p); })) return seq;
  }
  PhoneId p = most_frequent(voice, true, voice::phone_class(phone));
  if (p == voice::kUnknownPhone) p = most_frequent(voice, false, voice::PhoneClass::pause);
  if (p == voice::kUnknownPhone) return {};
  return {p};
}

}  // namespace

void set_contexts(std::vector<Target>& targets) {
  for (std::size_t i = 0; i < targets.size(); ++i) {
    targets[i].left = i > 0 ? targets[i - 1].phone : kPause;
    targets[i].right = i + 1 < targets.size() ? targets[i + 1].phone : kPause;
  }
}

std::vector<Target> make_targets(const text::Utterance& utterance, const voice::ProsodyModel& prosody) {
  std::vector<Target> targets;
  const auto& phones = utterance.phones;
  targets.reserve(phones.size() + 2);
  for (std::size_t i = 0; i < phones.size(); ++i) {
    PhoneId id = voice::phone_id(phones[i].name);
    if (id == voice::kUnknownPhone) id = kPause;
    Target t;
    t.phone = id;
    if (id == kPause) {
      if (!targets.empty() && targets.back().is_pause()) continue;  // never two pauses in a row
      const bool edge = i == 0 || i + 1 == phones.size();
      t.duration_s = edge ? kEdgePauseS : prosody.phrase_pause_s;
    } else {
      t.stress = voice::is_vowel_id(id) && phones[i].stress > 0 ? 1 : 0;
      const int phrase = phones[i].phrase_index;
      if (phrase >= 0 && phrase < int(utterance.phrase_ends.size())) t.phrase_end = utterance.phrase_ends[phrase];
      t.flags = word_flags(phones, i);
      const double ratio = prosody.duration_ratio[static_cast<int>(voice::phone_class(id))];
      t.duration_s = std::max(kMinPhoneS, phones[i].flite_duration_s * ratio);
    }
    targets.push_back(t);
  }
  // Speech always starts and ends with a pause, so runs of units have defined edges.
  if (!targets.empty() && !targets.front().is_pause()) targets.insert(targets.begin(), Target{.duration_s = kEdgePauseS});
  if (!targets.empty() && !targets.back().is_pause()) targets.push_back(Target{.duration_s = kEdgePauseS});
  set_contexts(targets);
  set_phrase_positions(targets);
  apply_intonation(targets, prosody);
  return targets;
}

void apply_phone_backoff(std::vector<Target>& targets, const voice::VoiceModel& voice) {
  std::vector<Target> out;
  out.reserve(targets.size());
  bool changed = false;
  for (const Target& t : targets) {
    if (t.is_pause() || voice.has_phone(t.phone)) {
      out.push_back(t);
      continue;
    }
    changed = true;
    const auto seq = replacement_for(t.phone, voice);
    for (std::size_t k = 0; k < seq.size(); ++k) {
      Target r = t;
      r.phone = seq[k];
      r.substituted = true;
      r.duration_s = t.duration_s / double(seq.size());
      if (!voice::is_vowel_id(r.phone)) r.stress = 0;
      if (k > 0) r.flags &= std::uint8_t(~(voice::unit_flags::kWordInitial | voice::unit_flags::kPhraseInitial));
      if (k + 1 < seq.size()) r.flags &= std::uint8_t(~(voice::unit_flags::kWordFinal | voice::unit_flags::kPhraseFinal));
      out.push_back(r);
    }
  }
  if (!changed) return;
  targets = std::move(out);
  set_contexts(targets);
}

}  // namespace echoes::synth
