#include "voice/intonation_model.h"

#include <algorithm>

namespace echoes::voice {
namespace {

double vowel_value(const PhoneContext& c, const ProsodyModel& m) {
  if (c.sentence_final) return m.final_log_f0;
  if (c.continuation) return m.continuation_log_f0;
  return phrase_contour_offset(m, c.time_in_phrase_s, c.phrase_initial, c.stressed);
}

/// Consonants and pauses of one phrase [first, last] between its vowels.
void interpolate_phrase(const std::vector<PhoneContext>& phones, const std::vector<std::size_t>& vowels,
                        std::size_t first, std::size_t last, const ProsodyModel& m, std::vector<double>& out) {
  std::size_t k = 0;
  for (std::size_t i = first; i <= last; ++i) {
    if (vowels.empty()) {
      out[i] = phrase_contour_offset(m, phones[i].time_in_phrase_s, false, false);
      continue;
    }
    while (k + 1 < vowels.size() && vowels[k + 1] <= i) ++k;
    const std::size_t at = vowels[k];
    if (i == at || i < at || k + 1 >= vowels.size()) {
      out[i] = out[at];
      continue;
    }
    const std::size_t next = vowels[k + 1];
    const double t0 = phones[at].time_in_phrase_s, t1 = phones[next].time_in_phrase_s;
    const double w = std::clamp((phones[i].time_in_phrase_s - t0) / std::max(1e-6, t1 - t0), 0.0, 1.0);
    out[i] = out[at] + w * (out[next] - out[at]);
  }
}

}  // namespace

double phrase_contour_offset(const ProsodyModel& m, double time_in_phrase_s, bool phrase_initial, bool stressed) {
  return m.phrase_base_log_f0 + m.declination_per_s * time_in_phrase_s + (phrase_initial ? m.phrase_start_log_f0 : 0.0) +
         (stressed ? m.accent_log_f0 : 0.0);
}

std::vector<double> modelled_offsets(const std::vector<PhoneContext>& phones, const ProsodyModel& model) {
  std::vector<double> out(phones.size(), 0.0);
  std::size_t i = 0;
  while (i < phones.size()) {
    if (!phones[i].speech) {
      out[i] = phrase_contour_offset(model, 0.0, false, false);
      ++i;
      continue;
    }
    std::size_t last = i;
    while (last + 1 < phones.size() && phones[last + 1].speech && phones[last + 1].phrase == phones[i].phrase) ++last;
    std::vector<std::size_t> vowels;
    for (std::size_t k = i; k <= last; ++k) {
      if (!phones[k].vowel) continue;
      vowels.push_back(k);
      out[k] = vowel_value(phones[k], model);
    }
    interpolate_phrase(phones, vowels, i, last, model, out);
    i = last + 1;
  }
  return out;
}

}  // namespace echoes::voice
