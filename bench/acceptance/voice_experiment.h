#pragma once
// The voice-quality acceptance experiment (docs/voice-quality.md): builds a voice for
// Kathleen and each speechocean speaker with the Echoes engine (when its binary supports
// `voice build` / `say`), synthesizes held-out texts, and measures
//  - closed-set speaker identification of the synthesized clips by a GMM-UBM trained on
//    held-out real audio of all seven speakers, next to validation sources: real clips the
//    model has not seen, the same clips pitch-shifted, and flite's stock voices;
//  - pocketsphinx WER of synthesized vs real recordings of the same texts;
//  - the self-assessment (self_assessment.h) of each voice.
#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "acceptance/experiment_plan.h"
#include "eval/self_assessment.h"
#include "eval/speaker_id.h"
#include "eval/word_errors.h"

namespace echoes::eval {

struct VoiceExperimentOptions {
  std::filesystem::path speech_dir;      ///< the shared corpus (kathleen/, speechocean/)
  std::filesystem::path work_dir;        ///< manifests, voices and synthesized clips go here
  std::filesystem::path engine_binary;   ///< `echoes`; empty/unsupported = validation sources only
  PlanOptions plan;
  SpeakerIdOptions speaker_id;
  std::vector<std::string> flite_voices{"kal16", "slt", "rms", "awb"};
  std::vector<double> pitch_shifts_st{2.0, 4.0};  ///< validation: real clips shifted by these
  bool recognize = true;    ///< run pocketsphinx (the slow part)
  bool self_assess = true;  ///< run the self-assessment
};

/// Identification results of one source (e.g. "engine", "real", "flite slt") for one speaker.
struct IdentificationResult {
  std::string source;
  std::string speaker;
  std::size_t clips = 0;
  std::size_t correct = 0;                      ///< best-scoring speaker == speaker
  std::map<std::string, std::size_t> predicted;  ///< best-scoring speaker -> clips
  double own_llr_sum = 0.0;   ///< sum over clips of the LLR of `speaker` (nats/frame)
  double best_llr_sum = 0.0;  ///< sum over clips of the best-scoring speaker's LLR
};

/// Pooled WER of one source for one speaker over the texts that have a real recording.
struct WerResult {
  std::string source;
  std::string speaker;
  std::size_t clips = 0;
  WordErrors errors;
};

struct AssessmentResult {
  std::string speaker;
  std::string source;  ///< what played the synthesized role ("engine", or a validation stand-in)
  QualityAssessment assessment;
};

struct VoiceExperimentResult {
  bool engine_used = false;
  std::string engine_note;                  ///< why not used, or per-speaker failures
  std::vector<std::string> speakers;
  std::map<std::string, double> engine_build_s;  ///< speaker -> wall time of `voice build`
  std::vector<IdentificationResult> identification;
  std::vector<WerResult> wer;
  std::vector<AssessmentResult> assessments;
  double model_train_s = 0.0;               ///< speaker-ID training wall time
};

/// Runs the experiment; progress lines go to `progress`.
/// Throws echoes::Error when the corpus is missing or malformed.
VoiceExperimentResult run_voice_experiment(const VoiceExperimentOptions& options, std::ostream& progress);

/// The result as Markdown tables (identification, WER, self-assessment).
std::string experiment_markdown(const VoiceExperimentResult& result);

}  // namespace echoes::eval
