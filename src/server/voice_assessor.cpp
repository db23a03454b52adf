#include "server/voice_assessor.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "align/aligner.h"
#include "audio/decode.h"
#include "common/error.h"
#include "eval/self_assessment.h"
#include "studio/training_audio.h"
#include "synth/synthesizer.h"
#include "voice/build.h"

namespace echoes::server {
namespace {

// Recognition runs ~2x real time: compare at most this much held-out speech.
constexpr double kMaxHeldOutSpeech_s = 15.0;

struct Loaded {
  audio::Audio audio;
  std::string transcript;
};

// The first words of a recording, cut at a word end before kMaxHeldOutSpeech_s.
eval::HeldOutClip held_out_clip(const Loaded& recording) {
  align::ForcedAligner aligner;
  const auto alignment = aligner.align(recording.audio, recording.transcript);
  if (!alignment.matches || alignment.words.empty()) {
    throw Error(error_code::kInvalidArgument, "the held-out recording does not match its text");
  }
  eval::HeldOutClip clip;
  double end_s = 0;
  for (const auto& word : alignment.words) {
    if (word.end_s > kMaxHeldOutSpeech_s && !clip.text.empty()) break;
    clip.text += (clip.text.empty() ? "" : " ") + word.word;
    end_s = word.end_s;
  }
  const auto rate = static_cast<double>(recording.audio.rate_hz);
  const auto samples = std::min(recording.audio.samples.size(), static_cast<std::size_t>((end_s + 0.15) * rate));
  clip.real.rate_hz = recording.audio.rate_hz;
  clip.real.samples.assign(recording.audio.samples.begin(), recording.audio.samples.begin() + samples);
  return clip;
}

nlohmann::json to_json(const eval::QualityAssessment& q, double held_out_s) {
  return {{"state", "done"},
          {"similarity", q.similarity},
          {"clarity", q.clarity},
          {"naturalness", q.naturalness},
          {"qualityScore", q.quality_score},
          {"clips", q.clips},
          {"heldOutSec", held_out_s},
          {"identifiedFraction", q.identified_fraction},
          {"werReal", q.real_errors.rate()},
          {"werSynthesized", q.synthesized_errors.rate()},
          {"mcdDb", q.mcd_db}};
}

}  // namespace

studio::VoiceAssessor make_voice_assessor() {
  return [](const std::vector<studio::TrainingUtterance>& utterances, const std::filesystem::path&) -> std::string {
    if (utterances.size() < 3) {
      return nlohmann::json({{"state", "skipped"}, {"reason", "Needs at least 3 recordings to hold one out."}}).dump();
    }
    std::vector<Loaded> loaded;
    for (const auto& u : utterances) loaded.push_back({studio::load_training_audio(u), u.transcript});
    // Hold out the shortest recording: it costs the least to leave out and to recognise.
    const auto held = std::min_element(loaded.begin(), loaded.end(), [](const Loaded& a, const Loaded& b) {
      return a.audio.samples.size() < b.audio.samples.size();
    });
    std::vector<voice::TrainingUtterance> rest;
    std::vector<audio::Audio> enrollment;
    for (auto it = loaded.begin(); it != loaded.end(); ++it) {
      if (it == held) continue;
      rest.push_back({"r" + std::to_string(rest.size()), it->transcript, it->audio, ""});
      enrollment.push_back(it->audio);
    }
    eval::HeldOutClip clip = held_out_clip(*held);
    const voice::VoiceModel assessment_voice = voice::build_voice(rest, {});
    clip.synthesized = synth::synthesize(assessment_voice, clip.text);
    eval::Recognizer recognizer;
    const double held_out_s = clip.real.duration_s();
    const auto quality = eval::assess_voice_quality(enrollment, {clip}, recognizer);
    return to_json(quality, held_out_s).dump();
  };
}

}  // namespace echoes::server
