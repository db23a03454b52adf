// Markdown rendering of the acceptance experiment (declared in voice_experiment.h).
#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

#include "acceptance/voice_experiment.h"

namespace echoes::eval {
namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string percent(std::size_t part, std::size_t whole) {
  if (whole == 0) return "-";
  return std::to_string(part) + "/" + std::to_string(whole) + " (" + fixed(100.0 * part / whole, 0) + "%)";
}

std::vector<std::string> sources_in_order(const VoiceExperimentResult& r) {
  std::vector<std::string> order;
  std::set<std::string> seen;
  for (const char* first : {"engine", "real"}) {
    for (const auto& i : r.identification) {
      if (i.source == first && seen.insert(i.source).second) order.push_back(i.source);
    }
  }
  for (const auto& i : r.identification) {
    if (seen.insert(i.source).second) order.push_back(i.source);
  }
  return order;
}

void identification_table(const VoiceExperimentResult& r, std::ostream& out) {
  out << "### Speaker identification (closed set of " << r.speakers.size() << " speakers, chance "
      << fixed(100.0 / std::max<std::size_t>(r.speakers.size(), 1), 0) << "%)\n\n| source |";
  for (const auto& s : r.speakers) out << ' ' << s << " |";
  out << " overall |\n|---|";
  for (std::size_t i = 0; i <= r.speakers.size(); ++i) out << "---|";
  out << '\n';
  for (const std::string& source : sources_in_order(r)) {
    out << "| " << source << " |";
    std::size_t correct = 0, clips = 0;
    for (const auto& s : r.speakers) {
      const IdentificationResult* found = nullptr;
      for (const auto& i : r.identification) {
        if (i.source == source && i.speaker == s) found = &i;
      }
      out << ' ' << (found ? percent(found->correct, found->clips) : "-") << " |";
      if (found) correct += found->correct, clips += found->clips;
    }
    out << ' ' << percent(correct, clips) << " |\n";
  }
}

void confusion_table(const VoiceExperimentResult& r, std::ostream& out) {
  out << "\n### Who the model thinks is speaking (all texts of all speakers pooled)\n\n"
         "LLR = mean log-likelihood ratio against the UBM, nats per speech frame.\n\n"
         "| source | clips | predicted speaker: clips | mean LLR of the intended speaker | mean LLR of the top speaker |\n"
         "|---|---|---|---|---|\n";
  for (const std::string& source : sources_in_order(r)) {
    std::map<std::string, std::size_t> pooled;
    std::size_t clips = 0;
    double own = 0.0, best = 0.0;
    for (const auto& i : r.identification) {
      if (i.source != source) continue;
      clips += i.clips;
      own += i.own_llr_sum;
      best += i.best_llr_sum;
      for (const auto& [name, n] : i.predicted) pooled[name] += n;
    }
    out << "| " << source << " | " << clips << " |";
    for (const auto& [name, n] : pooled) out << ' ' << name << ": " << n;
    const double per_clip = static_cast<double>(std::max<std::size_t>(clips, 1));
    out << " | " << fixed(own / per_clip, 3) << " | " << fixed(best / per_clip, 3) << " |\n";
  }
}

void wer_table(const VoiceExperimentResult& r, std::ostream& out) {
  if (r.wer.empty()) return;
  out << "\n### pocketsphinx word error rate on the same texts (exact pairs)\n\n"
         "| speaker | source | clips | words | sub | del | ins | WER | ratio to real |\n|---|---|---|---|---|---|---|---|---|\n";
  for (const WerResult& w : r.wer) {
    double real_rate = -1.0;
    for (const WerResult& x : r.wer) {
      if (x.speaker == w.speaker && x.source == "real") real_rate = x.errors.rate();
    }
    out << "| " << w.speaker << " | " << w.source << " | " << w.clips << " | " << w.errors.reference_words << " | "
        << w.errors.substitutions << " | " << w.errors.deletions << " | " << w.errors.insertions << " | "
        << fixed(100.0 * w.errors.rate(), 1) << "% | " << (real_rate > 0 ? fixed(w.errors.rate() / real_rate, 2) : "-")
        << " |\n";
  }
}

void assessment_table(const VoiceExperimentResult& r, std::ostream& out) {
  if (r.assessments.empty()) return;
  out << "\n### Self-assessment (enrolled on the build set + flite impostors; held-out pairs)\n\n"
         "| speaker | synthesized = | clips | similarity | clarity | naturalness | qualityScore | identified | "
         "margin synth / real (nats/frame) | WER real / synth | MCD dB | F0 median diff st | F0 range diff st |\n"
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const AssessmentResult& a : r.assessments) {
    const QualityAssessment& q = a.assessment;
    out << "| " << a.speaker << " | " << a.source << " | " << q.clips << " | " << fixed(q.similarity, 0) << " | "
        << fixed(q.clarity, 0) << " | " << fixed(q.naturalness, 0) << " | " << fixed(q.quality_score, 0) << " | "
        << fixed(100.0 * q.identified_fraction, 0) << "% | " << fixed(q.synthesized_margin, 3) << " / "
        << fixed(q.real_margin, 3) << " | " << fixed(100.0 * q.real_errors.rate(), 1) << "% / "
        << fixed(100.0 * q.synthesized_errors.rate(), 1) << "% | " << fixed(q.mcd_db, 2) << " | "
        << fixed(q.f0.median_difference_st, 2) << " | " << fixed(q.f0.range_difference_st, 2) << " |\n";
  }
}

}  // namespace

std::string experiment_markdown(const VoiceExperimentResult& r) {
  std::ostringstream out;
  out << "Engine: " << (r.engine_used ? "used (clips from `echoes voice build` + `echoes say`)" : "NOT used") << ". "
      << r.engine_note << "\nSpeaker-ID model training: " << fixed(r.model_train_s, 2) << " s.\n";
  for (const auto& [speaker, s] : r.engine_build_s) out << "- `voice build` " << speaker << ": " << fixed(s, 1) << " s\n";
  out << '\n';
  identification_table(r, out);
  confusion_table(r, out);
  wer_table(r, out);
  assessment_table(r, out);
  return out.str();
}

}  // namespace echoes::eval
