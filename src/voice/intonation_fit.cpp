#include "voice/intonation_fit.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <Eigen/Dense>

#include "voice/speech_level.h"

namespace echoes::voice {
namespace {

constexpr int kParams = 6;  // base, declination, start, accent, final, continuation

/// The terms of intonation_model.h's vowel value, in fields_of's order.
std::array<double, kParams> features_of(const PhoneContext& c) {
  if (c.sentence_final) return {0, 0, 0, 0, 1, 0};
  if (c.continuation) return {0, 0, 0, 0, 0, 1};
  return {1, c.time_in_phrase_s, c.phrase_initial ? 1.0 : 0.0, c.stressed ? 1.0 : 0.0, 0, 0};
}

std::array<float*, kParams> fields_of(ProsodyModel& m) {
  return {&m.phrase_base_log_f0, &m.declination_per_s, &m.phrase_start_log_f0,
          &m.accent_log_f0,      &m.final_log_f0,      &m.continuation_log_f0};
}

/// Mean log F0 of the voiced frames in [start_s, end_s); 0 with fewer than 3.
double mean_log_f0(const audio::PitchTrack& pitch, double start_s, double end_s) {
  if (pitch.hop_s <= 0) return 0.0;
  const auto a = std::size_t(std::max(0.0, std::ceil(start_s / pitch.hop_s)));
  const auto b = std::min(pitch.f0_hz.size(), std::size_t(std::max(0.0, std::ceil(end_s / pitch.hop_s))));
  double sum = 0.0;
  int n = 0;
  for (std::size_t i = a; i < b; ++i) {
    if (pitch.f0_hz[i] > 0) { sum += std::log(double(pitch.f0_hz[i])); ++n; }
  }
  return n >= 3 ? sum / n : 0.0;
}

}  // namespace

std::vector<PhoneContext> phone_contexts(const AnalysedRecording& rec, bool is_question, double min_pause_s) {
  const auto& phones = rec.phones;
  std::vector<PhoneContext> out(phones.size());
  double phrase_start_s = -1.0;
  int phrase = -1;
  long last_vowel = -1;  // of the current phrase
  const auto close_phrase = [&](bool at_end) {
    if (last_vowel < 0) return;
    PhoneContext& c = out[std::size_t(last_vowel)];
    if (!at_end) c.continuation = true;
    else if (is_question) c.question_final = true;
    else c.sentence_final = true;
  };
  for (std::size_t i = 0; i < phones.size(); ++i) {
    const auto& p = phones[i];
    if (!is_speech_phone(p)) {
      if (p.end_s - p.start_s >= min_pause_s && phrase_start_s >= 0) {
        close_phrase(false);
        phrase_start_s = -1.0;
        last_vowel = -1;
      }
      continue;
    }
    if (phrase_start_s < 0) {
      phrase_start_s = p.start_s;
      ++phrase;
    }
    PhoneContext& c = out[i];
    c.speech = true;
    c.phrase = phrase;
    c.time_in_phrase_s = 0.5 * (p.start_s + p.end_s) - phrase_start_s;
    c.vowel = is_vowel_id(phone_id(p.phone));
    if (!c.vowel) continue;
    c.stressed = i < rec.labels.size() && rec.labels[i].stress > 0;
    c.phrase_initial = last_vowel < 0;
    last_vowel = long(i);
  }
  close_phrase(true);
  return out;
}

std::vector<VowelPitch> vowel_pitches(const AnalysedRecording& rec, const std::vector<PhoneContext>& contexts) {
  std::vector<VowelPitch> out;
  for (std::size_t i = 0; i < rec.phones.size() && i < contexts.size(); ++i) {
    const PhoneContext& c = contexts[i];
    if (!c.vowel || c.question_final || (!rec.usable.empty() && !rec.usable[i])) continue;
    const double log_f0 = mean_log_f0(rec.pitch, rec.phones[i].start_s, rec.phones[i].end_s);
    if (log_f0 > 0) out.push_back({log_f0, c});
  }
  return out;
}

void fit_intonation(const std::vector<VowelPitch>& vowels, ProsodyModel& model, const IntonationFitOptions& options) {
  if (int(vowels.size()) < options.min_vowels) return;
  const auto fields = fields_of(model);
  // Normal equations with a ridge toward the defaults: (X'X + wI) b = X'y + w b0.
  Eigen::Matrix<double, kParams, kParams> a = Eigen::Matrix<double, kParams, kParams>::Identity() * options.prior_weight;
  Eigen::Matrix<double, kParams, 1> rhs;
  for (int k = 0; k < kParams; ++k) rhs(k) = options.prior_weight * *fields[k];
  for (const VowelPitch& v : vowels) {
    const auto x = features_of(v.context);
    const double y = v.log_f0 - model.mean_log_f0;
    for (int i = 0; i < kParams; ++i) {
      rhs(i) += x[i] * y;
      for (int j = 0; j < kParams; ++j) a(i, j) += x[i] * x[j];
    }
  }
  const Eigen::Matrix<double, kParams, 1> b = a.ldlt().solve(rhs);
  // Ranges a real voice stays in; outside them the fit has gone wrong (e.g. octave errors).
  constexpr std::array<std::pair<double, double>, kParams> kRange = {
      {{-0.3, 0.4}, {-0.4, 0.1}, {-0.1, 0.3}, {-0.05, 0.25}, {-0.6, 0.1}, {-0.3, 0.3}}};
  for (int k = 0; k < kParams; ++k) *fields[k] = float(std::clamp(b(k), kRange[k].first, kRange[k].second));
}

}  // namespace echoes::voice
