#include "acceptance/voice_experiment.h"

#include <chrono>
#include <optional>
#include <ostream>

#include "acceptance/engine_runner.h"
#include "acceptance/pitch_shift.h"
#include "audio/decode.h"
#include "common/error.h"
#include "eval/flite_voices.h"
#include "eval/recognizer.h"

namespace echoes::eval {
namespace {

namespace fs = std::filesystem;

// A clip of one source for one speaker; `real` is the speaker's recording of the same text.
struct Clip {
  std::string text;
  audio::Audio audio;
  std::optional<audio::Audio> real;
};

using SourceClips = std::map<std::string, std::vector<Clip>>;  // source -> clips

class AudioCache {
 public:
  const audio::Audio& get(const CorpusUtterance& u) {
    auto it = cache_.find(u.audio_path.string());
    if (it == cache_.end()) it = cache_.emplace(u.audio_path.string(), audio::decode_audio_file(u.audio_path).audio).first;
    return it->second;
  }

 private:
  std::map<std::string, audio::Audio> cache_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<audio::Audio> load_all(const std::vector<CorpusUtterance>& list, AudioCache& cache) {
  std::vector<audio::Audio> out;
  for (const CorpusUtterance& u : list) out.push_back(cache.get(u));
  return out;
}

std::optional<audio::Audio> real_of(const SynthItem& item, AudioCache& cache) {
  if (!item.real) return std::nullopt;
  return cache.get(*item.real);
}

// Validation sources: real clips unseen by the model, and the same clips pitch-shifted.
void add_real_sources(const SpeakerPlan& plan, const VoiceExperimentOptions& o, AudioCache& cache, SourceClips& out) {
  for (const CorpusUtterance& u : plan.real_test) {
    const audio::Audio& real = cache.get(u);
    out["real"].push_back({u.text, real, real});
    for (double st : o.pitch_shifts_st) {
      char name[32];
      std::snprintf(name, sizeof name, "real %+g st", st);
      out[name].push_back({u.text, shift_pitch_by_resampling(real, st), real});
    }
  }
}

void add_flite_sources(const SpeakerPlan& plan, const VoiceExperimentOptions& o, AudioCache& cache, SourceClips& out) {
  for (const std::string& voice : o.flite_voices) {
    for (const SynthItem& item : plan.synth) {
      out["flite " + voice].push_back({item.text, flite_speak(voice, item.text), real_of(item, cache)});
    }
  }
}

// Builds the speaker's voice with the engine and adds its clips as source "engine".
void add_engine_source(const SpeakerPlan& plan, const VoiceExperimentOptions& o, AudioCache& cache, SourceClips& out,
                       VoiceExperimentResult& result, std::ostream& progress) {
  std::vector<std::pair<audio::Audio, std::string>> recordings;
  for (const CorpusUtterance& u : plan.build) recordings.emplace_back(cache.get(u), u.text);
  std::vector<std::pair<std::string, std::string>> texts;
  for (const SynthItem& item : plan.synth) texts.emplace_back(item.id, item.text);
  progress << "engine: building " << plan.speaker << " from " << recordings.size() << " recordings" << std::endl;
  const EngineRun run = run_engine(o.engine_binary, o.work_dir / "engine" / plan.speaker, recordings, texts);
  result.engine_build_s[plan.speaker] = run.build_wall_s;
  if (!run.failure.empty()) result.engine_note += plan.speaker + ": " + run.failure + ". ";
  auto& clips = out["engine"];
  for (const SynthItem& item : plan.synth) {
    if (auto it = run.clips.find(item.id); it != run.clips.end()) clips.push_back({item.text, it->second, real_of(item, cache)});
  }
}

void identify_sources(const SpeakerIdentifier& id, const std::string& speaker, const SourceClips& sources,
                      VoiceExperimentResult& result) {
  for (const auto& [source, clips] : sources) {
    IdentificationResult r;
    r.source = source;
    r.speaker = speaker;
    for (const Clip& clip : clips) {
      std::string best;
      try {
        const auto ranked = id.identify(clip.audio);
        best = ranked.front().name;
        r.best_llr_sum += ranked.front().llr;
        for (const SpeakerScore& s : ranked) r.own_llr_sum += s.name == speaker ? s.llr : 0.0;
      } catch (const Error& e) {
        best = "(" + e.code() + ")";  // e.g. a silent synthesized clip counts as a miss
      }
      ++r.clips;
      ++r.predicted[best];
      r.correct += best == speaker ? 1 : 0;
    }
    result.identification.push_back(std::move(r));
  }
}

// WER of every source on the texts that have a real recording (exact pairs).
void recognize_sources(Recognizer& recognizer, const std::string& speaker, const SourceClips& sources,
                       const std::vector<std::string>& wanted, VoiceExperimentResult& result) {
  for (const std::string& source : wanted) {
    const auto it = sources.find(source);
    if (it == sources.end()) continue;
    WerResult r;
    r.source = source;
    r.speaker = speaker;
    for (const Clip& clip : it->second) {
      if (!clip.real) continue;
      r.errors += recognizer.word_errors(clip.audio, clip.text);
      ++r.clips;
    }
    if (r.clips > 0) result.wer.push_back(r);
  }
}

std::vector<HeldOutClip> held_out_pairs(const std::vector<Clip>& clips) {
  std::vector<HeldOutClip> pairs;
  for (const Clip& c : clips) {
    if (c.real) pairs.push_back({c.text, *c.real, c.audio});
  }
  return pairs;
}

void self_assess(const SpeakerPlan& plan, const SourceClips& sources, const std::vector<std::string>& wanted,
                 Recognizer& recognizer, AudioCache& cache, const VoiceExperimentOptions& o,
                 VoiceExperimentResult& result, std::ostream& progress) {
  const std::vector<audio::Audio> enrollment = load_all(plan.build, cache);
  SelfAssessmentOptions sa;
  sa.speaker_id = o.speaker_id;
  for (const std::string& source : wanted) {
    const auto it = sources.find(source);
    if (it == sources.end()) continue;
    const std::vector<HeldOutClip> pairs = held_out_pairs(it->second);
    if (pairs.empty()) continue;
    progress << "self-assessment: " << plan.speaker << " / " << source << std::endl;
    result.assessments.push_back({plan.speaker, source, assess_voice_quality(enrollment, pairs, recognizer, sa)});
  }
}

// Sources whose WER is measured: flite only for native speakers (WER is noise for learners).
std::vector<std::string> wer_sources(const SpeakerPlan& plan, const VoiceExperimentOptions& o, bool engine) {
  std::vector<std::string> s{"real"};
  if (engine) s.push_back("engine");
  if (plan.native) {
    for (const std::string& v : o.flite_voices) s.push_back("flite " + v);
  }
  return s;
}

// The real held-out recordings of the synthesized texts, as source "real" for WER.
SourceClips wer_view(const SpeakerPlan& plan, const SourceClips& sources, AudioCache& cache) {
  SourceClips view = sources;
  auto& real = view["real"];
  real.clear();
  for (const SynthItem& item : plan.synth) {
    if (item.real) real.push_back({item.text, cache.get(*item.real), cache.get(*item.real)});
  }
  return view;
}

SpeakerIdentifier train_identifier(const std::vector<SpeakerPlan>& plans, const VoiceExperimentOptions& o,
                                   AudioCache& cache, VoiceExperimentResult& result) {
  std::vector<SpeakerClips> enrolled;
  for (const SpeakerPlan& p : plans) enrolled.push_back({p.speaker, load_all(p.enrollment, cache)});
  const auto start = std::chrono::steady_clock::now();
  SpeakerIdentifier id(enrolled, o.speaker_id);
  result.model_train_s = seconds_since(start);
  return id;
}

}  // namespace

VoiceExperimentResult run_voice_experiment(const VoiceExperimentOptions& o, std::ostream& progress) {
  VoiceExperimentResult result;
  AudioCache cache;
  const auto plans = plan_experiment(load_shared_corpus(o.speech_dir), o.plan,
                                     [&](const CorpusUtterance& u) { return cache.get(u).duration_s(); });
  result.engine_used = engine_supports_voices(o.engine_binary);
  if (!result.engine_used) result.engine_note = "engine binary missing or without `voice build` / `say`; validation sources only. ";
  const SpeakerIdentifier id = train_identifier(plans, o, cache, result);
  progress << "speaker-ID model trained in " << result.model_train_s << " s" << std::endl;
  std::optional<Recognizer> recognizer;
  if (o.recognize) recognizer.emplace();

  for (const SpeakerPlan& plan : plans) {
    result.speakers.push_back(plan.speaker);
    SourceClips sources;
    add_real_sources(plan, o, cache, sources);
    add_flite_sources(plan, o, cache, sources);
    if (result.engine_used) add_engine_source(plan, o, cache, sources, result, progress);
    progress << "identifying " << plan.speaker << std::endl;
    identify_sources(id, plan.speaker, sources, result);
    if (!recognizer) continue;
    progress << "recognizing " << plan.speaker << std::endl;
    const SourceClips view = wer_view(plan, sources, cache);
    recognize_sources(*recognizer, plan.speaker, view, wer_sources(plan, o, result.engine_used), result);
    if (!o.self_assess) continue;
    // The scale is validated on Kathleen with stand-ins for the synthesized clips.
    std::vector<std::string> stand_ins;
    if (result.engine_used) stand_ins.push_back("engine");
    if (plan.native) stand_ins.insert(stand_ins.end(), {"real", "real +2 st", "flite slt", "flite kal16"});
    self_assess(plan, view, stand_ins, *recognizer, cache, o, result, progress);
  }
  return result;
}

}  // namespace echoes::eval
