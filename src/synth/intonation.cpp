#include "synth/intonation.h"

#include <algorithm>
#include <cmath>

namespace echoes::synth {
namespace {

using text::PhraseEnd;

/// One phrase: targets [first, last] (no pauses), with each target's middle time.
struct Phrase {
  std::size_t first = 0, last = 0;
  std::vector<double> mid_s;
  double end_s = 0.0;
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
  p.end_s = t;
  p.end = targets[p.last].phrase_end;
  return p;
}

/// The model's value for a vowel that is not the phrase's last (relative to the mean).
double vowel_offset(const Target& t, double mid_s, bool first_vowel, const voice::ProsodyModel& m) {
  return m.phrase_base_log_f0 + m.declination_per_s * mid_s + (first_vowel ? m.phrase_start_log_f0 : 0.0) +
         (t.stress > 0 ? m.accent_log_f0 : 0.0);
}

/// log F0 per vowel of the phrase (indices into targets), ending as the phrase ends.
std::vector<std::pair<std::size_t, double>> vowel_contour(const std::vector<Target>& targets, const Phrase& p,
                                                          const voice::ProsodyModel& m,
                                                          const IntonationOptions& o) {
  std::vector<std::pair<std::size_t, double>> vowels;
  const double lift = p.end == PhraseEnd::exclamation ? o.exclamation_lift : 0.0;
  for (std::size_t i = p.first; i <= p.last; ++i) {
    if (!voice::is_vowel_id(targets[i].phone)) continue;
    const double offset = vowel_offset(targets[i], p.mid_s[i - p.first], vowels.empty(), m);
    vowels.emplace_back(i, m.mean_log_f0 + offset + lift);
  }
  if (vowels.empty() || p.end == PhraseEnd::question) return vowels;
  const double end_offset = p.end == PhraseEnd::continuation ? m.continuation_log_f0 : m.final_log_f0;
  vowels.back().second = m.mean_log_f0 + end_offset + lift;
  return vowels;
}

/// A yes/no question: from the start of the last stressed vowel (at its unaccented level) up
/// to the question's final level at the end of the last vowel, linearly in time, and level
/// after it (the rise must happen where the voice is). The contour points from the nucleus
/// on are replaced by one point, the rise's start. Returns the nucleus's target index.
std::size_t apply_question_rise(std::vector<Target>& targets, const Phrase& p,
                                std::vector<std::pair<std::size_t, double>>& vowels,
                                const voice::ProsodyModel& m, const IntonationOptions& o) {
  std::size_t nucleus = vowels.size() - 1;
  for (std::size_t k = vowels.size(); k-- > 0;) {
    if (targets[vowels[k].first].stress > 0) { nucleus = k; break; }
  }
  const std::size_t from = vowels[nucleus].first, last_vowel = vowels.back().first;
  const double start_s = p.mid_s[from - p.first] - 0.5 * targets[from].duration_s;
  const double end_s = p.mid_s[last_vowel - p.first] + 0.5 * targets[last_vowel].duration_s;
  const double low = vowels[nucleus].second - (targets[from].stress > 0 ? m.accent_log_f0 : 0.0);
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
  vowels.resize(nucleus);
  vowels.emplace_back(from, low);
  return from;
}

/// Consonants (and vowels before a question's rise) between the contour points.
void interpolate(std::vector<Target>& targets, const Phrase& p,
                 const std::vector<std::pair<std::size_t, double>>& vowels, std::size_t until) {
  std::size_t k = 0;
  for (std::size_t i = p.first; i < until; ++i) {
    while (k + 1 < vowels.size() && vowels[k + 1].first <= i) ++k;
    const auto& [at, value] = vowels[k];
    if (i == at || k + 1 >= vowels.size() || i < at) {
      targets[i].log_f0 = value;  // on a vowel, or outside the first/last one
      continue;
    }
    const double t0 = p.mid_s[at - p.first], t1 = p.mid_s[vowels[k + 1].first - p.first];
    const double w = (p.mid_s[i - p.first] - t0) / std::max(1e-6, t1 - t0);
    targets[i].log_f0 = value + w * (vowels[k + 1].second - value);
  }
}

}  // namespace

void apply_intonation(std::vector<Target>& targets, const voice::ProsodyModel& prosody,
                      const IntonationOptions& options) {
  std::size_t i = 0;
  while (i < targets.size()) {
    targets[i].log_f0 = targets[i].log_f0_rise = 0.0;
    if (targets[i].is_pause()) {
      ++i;
      continue;
    }
    const Phrase phrase = phrase_at(targets, i);
    for (std::size_t k = phrase.first; k <= phrase.last; ++k) {
      targets[k].log_f0_rise = 0.0;
      targets[k].f0_meaningful = false;
    }
    auto vowels = vowel_contour(targets, phrase, prosody, options);
    std::size_t until = phrase.last + 1;  // targets before this follow the vowel contour
    if (vowels.empty()) {
      vowels.emplace_back(phrase.first, prosody.mean_log_f0 + prosody.phrase_base_log_f0);
    } else if (phrase.end == PhraseEnd::question) {
      until = apply_question_rise(targets, phrase, vowels, prosody, options);
    }
    interpolate(targets, phrase, vowels, until);
    if (phrase.end != PhraseEnd::continuation && phrase.end != PhraseEnd::question) {
      // A sentence's final fall marks its end as clearly as a question's rise.
      for (std::size_t k = vowels.back().first; k <= phrase.last; ++k) targets[k].f0_meaningful = true;
    }
    i = phrase.last + 1;
  }
}

}  // namespace echoes::synth
