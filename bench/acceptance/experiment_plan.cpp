#include "acceptance/experiment_plan.h"

#include <algorithm>
#include <fstream>

#include "common/error.h"

namespace echoes::eval {
namespace {

std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error(error_code::kNotFound, "A listing of the shared speech corpus is missing.");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::vector<CorpusUtterance> read_transcripts(const std::filesystem::path& folder) {
  std::vector<CorpusUtterance> out;
  for (const std::string& line : read_lines(folder / "transcripts.tsv")) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) throw Error(error_code::kInvalidArgument, "A transcript line has no tab.");
    const std::string id = line.substr(0, tab);
    out.push_back({id, line.substr(tab + 1), folder / "audio" / (id + ".flac")});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

std::vector<CorpusUtterance>::const_iterator find_id(const std::vector<CorpusUtterance>& u, const std::string& id) {
  const auto it = std::find_if(u.begin(), u.end(), [&](const CorpusUtterance& x) { return x.id >= id; });
  if (it == u.end()) throw Error(error_code::kInvalidArgument, "The corpus has no utterance from \"" + id + "\" on.");
  return it;
}

SynthItem paired(const CorpusUtterance& u) { return {u.id, u.text, u}; }

SpeakerPlan plan_native(const SpeakerCorpus& s, const PlanOptions& o,
                        const std::function<double(const CorpusUtterance&)>& duration_s) {
  SpeakerPlan p;
  p.speaker = s.speaker;
  p.native = true;
  const auto held = find_id(s.utterances, o.native_first_held_out);
  double total_s = 0.0;
  for (auto it = s.utterances.begin(); it != held && total_s < o.native_build_s; ++it) {
    p.build.push_back(*it);
    total_s += duration_s(*it);
  }
  if (total_s < o.native_build_s) throw Error(error_code::kInvalidArgument, "Too little audio before the held-out prompts.");
  for (auto it = held; it != s.utterances.end() && p.synth.size() < o.native_synth_count; ++it) {
    p.synth.push_back(paired(*it));
    p.real_test.push_back(*it);
  }
  double enrolled_s = 0.0;
  for (auto it = find_id(s.utterances, o.native_first_enrollment); it != s.utterances.end() && enrolled_s < o.native_enrollment_s; ++it) {
    p.enrollment.push_back(*it);
    enrolled_s += duration_s(*it);
  }
  if (p.synth.size() < o.native_synth_count || enrolled_s < o.native_enrollment_s ||
      p.enrollment.front().id <= p.synth.back().id) {
    throw Error(error_code::kInvalidArgument, "The native speaker's held-out prompts overlap or run out.");
  }
  return p;
}

SpeakerPlan plan_learner(const SpeakerCorpus& s) {
  const std::size_t n = s.utterances.size();
  if (n < 6) throw Error(error_code::kInvalidArgument, "A speaker has too few utterances to split.");
  const std::size_t build = (2 * n + 2) / 3;
  SpeakerPlan p;
  p.speaker = s.speaker;
  p.native = s.native;
  p.build.assign(s.utterances.begin(), s.utterances.begin() + build);
  p.enrollment.assign(s.utterances.begin() + build, s.utterances.end());
  p.real_test = p.build;  // real clips the ID model has not seen
  for (const CorpusUtterance& u : p.enrollment) p.synth.push_back(paired(u));
  return p;
}

// Adds held-out texts of the following speakers (no real recording by this speaker).
void top_up_texts(std::vector<SpeakerPlan>& plans, std::size_t min_texts) {
  const std::size_t count = plans.size();
  std::vector<std::vector<SynthItem>> own(count);
  for (std::size_t i = 0; i < count; ++i) own[i] = plans[i].synth;
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t step = 1; step < count && plans[i].synth.size() < min_texts; ++step) {
      for (const SynthItem& item : own[(i + step) % count]) {
        if (plans[i].synth.size() >= min_texts) break;
        plans[i].synth.push_back({item.id, item.text, std::nullopt});
      }
    }
  }
}

}  // namespace

std::vector<SpeakerCorpus> load_shared_corpus(const std::filesystem::path& speech_dir) {
  std::vector<SpeakerCorpus> corpus;
  corpus.push_back({"kathleen", true, read_transcripts(speech_dir / "kathleen")});
  corpus.push_back({"bdl", true, read_transcripts(speech_dir / "bdl")});  // the same prompts, read by a man
  const auto speakers = read_lines(speech_dir / "speechocean" / "speakers.tsv");
  for (std::size_t i = 1; i < speakers.size(); ++i) {  // line 0 is the header
    const std::string id = speakers[i].substr(0, speakers[i].find('\t'));
    corpus.push_back({id, false, read_transcripts(speech_dir / "speechocean" / id)});
  }
  return corpus;
}

std::vector<SpeakerPlan> plan_experiment(const std::vector<SpeakerCorpus>& corpus, const PlanOptions& options,
                                         const std::function<double(const CorpusUtterance&)>& duration_s) {
  std::vector<SpeakerPlan> plans;
  for (const SpeakerCorpus& s : corpus) plans.push_back(s.native ? plan_native(s, options, duration_s) : plan_learner(s));
  // Learners only have a third of 20 texts held out: borrow other learners' held-out texts.
  std::vector<SpeakerPlan> learner_copy;
  for (const SpeakerPlan& p : plans) {
    if (!p.native) learner_copy.push_back(p);
  }
  top_up_texts(learner_copy, options.min_synth_texts);
  std::size_t next = 0;
  for (SpeakerPlan& p : plans) {
    if (!p.native) p = learner_copy[next++];
  }
  return plans;
}

}  // namespace echoes::eval
