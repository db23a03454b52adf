#include "synth/intonation.h"

#include <algorithm>
#include <cmath>

#include "voice/intonation_model.h"

namespace echoes::synth {
namespace {

using text::PhraseEnd;

/// One phrase: targets [first, last] (no pauses), with each target's middle time.
struct Phrase {
  std::size_t first = 0, last = 0;
  std::vector<double> mid_s;
  PhraseEnd end = PhraseEnd::statement;
};

Phrase phrase_at(const std::vector<Target>& targets, std::size_t first) {
  Phrase p;
  p.first = first;
  double t = 0.0;
  std::size_t i = first;
  for (; i < targets.size() && !targets[i].is_pause(); ++i) {
    p.mid_s.push_back(t + 0.5 * targets[i].duration_s);
    t += targets[i].duration_s;
  }
  p.last = i - 1;
  p.end = targets[p.last].phrase_end;
  return p;
}

/// The phrase's targets as the speaker's intonation model sees them (voice/intonation_model.h).
std::vector<voice::PhoneContext> contexts_of(const std::vector<Target>& targets, const Phrase& p) {
  std::vector<voice::PhoneContext> out(p.last - p.first + 1);
  long last_vowel = -1;
  for (std::size_t k = 0; k < out.size(); ++k) {
    const Target& t = targets[p.first + k];
    voice::PhoneContext& c = out[k];
    c.speech = true;
    c.phrase = 0;
    c.time_in_phrase_s = p.mid_s[k];
    c.vowel = voice::is_vowel_id(t.phone);
    if (!c.vowel) continue;
    c.stressed = t.stress > 0;
    c.phrase_initial = last_vowel < 0;
    last_vowel = long(k);
  }
  if (last_vowel >= 0) {
    voice::PhoneContext& c = out[std::size_t(last_vowel)];
    if (p.end == PhraseEnd::continuation) c.continuation = true;
    else if (p.end == PhraseEnd::question) c.question_final = true;
    else c.sentence_final = true;
  }
  return out;
}

/// A yes/no question: from the start of its last stressed vowel (the nucleus; the last vowel
/// when none is stressed), at that vowel's unaccented level, up to the question's final
/// level at the end of the last vowel, linearly in time, and level after it (the rise must
/// happen where the voice is, not over a final "t").
void apply_question_rise(std::vector<Target>& targets, const Phrase& p,
                         const std::vector<voice::PhoneContext>& contexts, double lift,
                         const voice::ProsodyModel& m, const IntonationOptions& o) {
  long nucleus = -1, last_vowel = -1;
  for (std::size_t k = 0; k < contexts.size(); ++k) {
    if (!contexts[k].vowel) continue;
    last_vowel = long(k);
    if (contexts[k].stressed) nucleus = long(k);
  }
  if (last_vowel < 0) return;
  if (nucleus < 0) nucleus = last_vowel;
  const std::size_t from = p.first + std::size_t(nucleus), last = p.first + std::size_t(last_vowel);
  const voice::PhoneContext& n = contexts[std::size_t(nucleus)];
  const double start_s = n.time_in_phrase_s - 0.5 * targets[from].duration_s;
  const double end_s = p.mid_s[last - p.first] + 0.5 * targets[last].duration_s;
  const double low = m.mean_log_f0 + lift + voice::phrase_contour_offset(m, n.time_in_phrase_s, n.phrase_initial, false);
  const double rise = std::clamp(o.question_rise_sd * m.sd_log_f0, o.min_question_rise, o.max_question_rise);
  const double high = m.mean_log_f0 + rise;
  const double slope = (high - low) / std::max(0.05, end_s - start_s);
  const auto at = [&](double t_s) { return low + slope * std::clamp(t_s - start_s, 0.0, end_s - start_s); };
  for (std::size_t i = from; i <= p.last; ++i) {
    const double mid_s = p.mid_s[i - p.first], half_s = 0.5 * targets[i].duration_s;
    targets[i].log_f0 = at(mid_s);
    targets[i].log_f0_rise = at(mid_s + half_s) - at(mid_s - half_s);
    targets[i].f0_meaningful = true;
  }
}

/// A statement's (exclamation's, wh-question's) fall from its last vowel on marks the end
/// of the sentence as clearly as a question's rise.
void mark_final_fall(std::vector<Target>& targets, const Phrase& p, const std::vector<voice::PhoneContext>& contexts) {
  for (std::size_t k = contexts.size(); k-- > 0;) {
    if (!contexts[k].sentence_final) continue;
    for (std::size_t i = p.first + k; i <= p.last; ++i) targets[i].f0_meaningful = true;
    return;
  }
}

}  // namespace

void apply_intonation(std::vector<Target>& targets, const voice::ProsodyModel& prosody,
                      const IntonationOptions& options) {
  std::size_t i = 0;
  while (i < targets.size()) {
    if (targets[i].is_pause()) {
      targets[i].log_f0 = targets[i].log_f0_rise = 0.0;
      targets[i].f0_meaningful = false;
      ++i;
      continue;
    }
    const Phrase phrase = phrase_at(targets, i);
    const auto contexts = contexts_of(targets, phrase);
    const auto offsets = voice::modelled_offsets(contexts, prosody);
    const double lift = phrase.end == PhraseEnd::exclamation ? options.exclamation_lift : 0.0;
    for (std::size_t k = phrase.first; k <= phrase.last; ++k) {
      targets[k].log_f0 = prosody.mean_log_f0 + offsets[k - phrase.first] + lift;
      targets[k].log_f0_rise = 0.0;
      targets[k].f0_meaningful = false;
    }
    if (phrase.end == PhraseEnd::question) {
      apply_question_rise(targets, phrase, contexts, lift, prosody, options);
    } else {
      mark_final_fall(targets, phrase, contexts);
    }
    i = phrase.last + 1;
  }
}

}  // namespace echoes::synth
