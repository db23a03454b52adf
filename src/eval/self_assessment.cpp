#include "eval/self_assessment.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "eval/flite_voices.h"

namespace echoes::eval {
namespace {

constexpr const char* kTargetName = "target";

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

// LLR(target) minus the best other speaker's LLR.
double margin(const std::vector<SpeakerScore>& ranked, const std::string& target) {
  double own = 0.0, best_other = -1e300;
  for (const SpeakerScore& s : ranked) {
    if (s.name == target) own = s.llr;
    else best_other = std::max(best_other, s.llr);
  }
  return own - best_other;
}

void check_inputs(const SpeakerIdentifier& id, const std::string& target, const std::vector<HeldOutClip>& held_out) {
  const auto& names = id.speakers();
  if (std::find(names.begin(), names.end(), target) == names.end()) {
    throw Error(error_code::kInvalidArgument, "The voice to assess is not enrolled in the speaker model.");
  }
  if (names.size() < 2) throw Error(error_code::kInvalidArgument, "The speaker model needs other voices to compare with.");
  if (held_out.empty()) throw Error(error_code::kInvalidArgument, "The assessment needs held-out recordings.");
}

void score_similarity(const SpeakerIdentifier& id, const std::string& target, const std::vector<HeldOutClip>& held_out,
                      const SelfAssessmentOptions& o, QualityAssessment& q) {
  std::vector<double> synth_margins;
  double real_sum = 0.0;
  std::size_t identified = 0;
  for (const HeldOutClip& clip : held_out) {
    real_sum += margin(id.identify(clip.real), target);
    const auto ranked = id.identify(clip.synthesized);
    synth_margins.push_back(margin(ranked, target));
    identified += ranked.front().name == target ? 1 : 0;
  }
  q.real_margin = real_sum / held_out.size();
  const double reference = std::max(q.real_margin, o.min_reference_margin);
  double sum = 0.0, clip_scores = 0.0;
  for (double m : synth_margins) sum += m, clip_scores += clamp01(0.5 + 0.5 * m / reference);
  q.synthesized_margin = sum / synth_margins.size();
  q.identified_fraction = static_cast<double>(identified) / held_out.size();
  q.similarity = 100.0 * clip_scores / synth_margins.size();
}

void score_clarity(const std::vector<HeldOutClip>& held_out, Recognizer& recognizer, const SelfAssessmentOptions& o,
                   QualityAssessment& q) {
  for (const HeldOutClip& clip : held_out) {
    q.real_errors += recognizer.word_errors(clip.real, clip.text);
    q.synthesized_errors += recognizer.word_errors(clip.synthesized, clip.text);
  }
  const double excess = std::max(0.0, q.synthesized_errors.rate() - q.real_errors.rate());
  q.clarity = 100.0 * clamp01(1.0 - excess / o.wer_excess_for_zero);
}

void score_naturalness(const std::vector<HeldOutClip>& held_out, const SelfAssessmentOptions& o, QualityAssessment& q) {
  std::vector<audio::Audio> real, synth;
  double mcd_sum = 0.0;
  for (const HeldOutClip& clip : held_out) {
    mcd_sum += mel_cepstral_distortion(clip.real, clip.synthesized).mcd_db;
    real.push_back(clip.real);
    synth.push_back(clip.synthesized);
  }
  q.mcd_db = mcd_sum / held_out.size();
  q.real_f0 = f0_statistics(real, o.pitch);
  q.synthesized_f0 = f0_statistics(synth, o.pitch);
  q.f0 = compare_f0(q.real_f0, q.synthesized_f0);
  const double mcd_part = clamp01((o.mcd_worst_db - q.mcd_db) / (o.mcd_worst_db - o.mcd_best_db));
  const double f0_part = q.f0.comparable
                             ? clamp01(1.0 - std::fabs(q.f0.median_difference_st) / o.f0_median_tolerance_st) *
                                   clamp01(1.0 - std::fabs(q.f0.range_difference_st) / o.f0_range_tolerance_st)
                             : 0.0;
  q.naturalness = 100.0 * (0.6 * mcd_part + 0.4 * f0_part);
}

}  // namespace

const std::vector<std::string>& default_background_texts() {
  static const std::vector<std::string> texts{
      "The garden behind the old house was full of tall yellow flowers.",
      "We missed the last train and had to walk home in the rain.",
      "Please put the blue folder on the desk next to the window.",
      "A small boat drifted slowly across the quiet lake at dawn.",
      "She counted the coins twice before paying for the bread.",
      "The meeting was moved to Thursday because of the holiday.",
      "His brother builds wooden chairs in a workshop near the river.",
      "Turn left at the bakery and the library is on your right.",
      "The children laughed when the puppy chased its own tail.",
      "Most of the snow had melted by the middle of the afternoon.",
      "They painted the kitchen a warm shade of orange last summer.",
      "Nobody expected the storm to reach the coast so quickly."};
  return texts;
}

QualityAssessment assess_voice_quality(const SpeakerIdentifier& identifier, const std::string& target,
                                       const std::vector<HeldOutClip>& held_out, Recognizer& recognizer,
                                       const SelfAssessmentOptions& options) {
  check_inputs(identifier, target, held_out);
  QualityAssessment q;
  q.clips = held_out.size();
  score_similarity(identifier, target, held_out, options, q);
  score_clarity(held_out, recognizer, options, q);
  score_naturalness(held_out, options, q);
  const double weights = options.similarity_weight + options.clarity_weight + options.naturalness_weight;
  q.quality_score = (options.similarity_weight * q.similarity + options.clarity_weight * q.clarity +
                     options.naturalness_weight * q.naturalness) /
                    (weights > 0.0 ? weights : 1.0);
  return q;
}

QualityAssessment assess_voice_quality(const std::vector<audio::Audio>& enrollment,
                                       const std::vector<HeldOutClip>& held_out, Recognizer& recognizer,
                                       const SelfAssessmentOptions& options) {
  std::vector<SpeakerClips> speakers{{kTargetName, enrollment}};
  const auto& texts = options.background_texts.empty() ? default_background_texts() : options.background_texts;
  for (const std::string& voice : options.background_voices) {
    SpeakerClips impostor{"flite_" + voice, {}};
    for (const std::string& text : texts) impostor.clips.push_back(flite_speak(voice, text));
    speakers.push_back(std::move(impostor));
  }
  const SpeakerIdentifier identifier(speakers, options.speaker_id);
  return assess_voice_quality(identifier, kTargetName, held_out, recognizer, options);
}

}  // namespace echoes::eval
