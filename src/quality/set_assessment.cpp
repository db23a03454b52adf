#include "quality/set_assessment.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "text/flite_front_end.h"
#include "text/passages.h"

namespace echoes::quality {
namespace {

double finite_or_zero(double x) { return std::isfinite(x) ? x : 0.0; }

bool usable(const RecordingSummary& r, const SetAssessmentOptions& options) {
  return r.complete && finite_or_zero(r.quality_score) >= options.min_usable_score &&
         finite_or_zero(r.duration_s) > 0.0;
}

// The analysed text of every passage, computed once (the passages never change).
const std::map<std::string, text::Utterance>& passage_utterances() {
  static const std::map<std::string, text::Utterance> all = [] {
    std::map<std::string, text::Utterance> m;
    const text::FliteFrontEnd front_end;
    for (const auto& p : text::passages()) m[p.id] = front_end.analyze(p.text);
    return m;
  }();
  return all;
}

std::vector<PassageProgress> passage_progress(const std::vector<const RecordingSummary*>& takes) {
  std::vector<PassageProgress> out;
  for (const auto& p : text::passages()) {
    PassageProgress prog;
    prog.passage_id = p.id;
    prog.title = p.title;
    prog.target_duration_s = p.target_duration_s;
    for (const RecordingSummary* r : takes) {
      if (r->passage_id != p.id) continue;
      ++prog.takes;
      if (!prog.done || r->quality_score >= prog.quality_score) {  // later take wins a tie
        prog.done = true;
        prog.best_recording_id = r->recording_id;
        prog.seconds = r->duration_s;
        prog.quality_score = r->quality_score;
      }
    }
    out.push_back(prog);
  }
  return out;
}

int required_passages(const TierRequirement& tier) {
  const int all = static_cast<int>(text::passages().size());
  return tier.min_passages < 0 ? all : std::min(tier.min_passages, all);
}

bool tier_met(const TierRequirement& tier, const SetAssessment& a) {
  return a.total_s >= tier.min_total_s && a.passages_done >= required_passages(tier) &&
         a.quality_score >= tier.min_quality_score;
}

// "'A'", "'A' and 'B'", "'A', 'B' and 'C'" (joiner "or" for a choice).
std::string quoted_titles(const std::vector<std::string>& titles, const std::string& joiner = "and") {
  std::string s;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    if (i > 0) s += i + 1 == titles.size() ? " " + joiner + " " : ", ";
    s += "'" + titles[i] + "'";
  }
  return s;
}

std::string weakest_take_hint(const SetAssessment& a) {
  const PassageProgress* weakest = nullptr;
  for (const auto& p : a.passages) {
    if (p.done && (!weakest || p.quality_score < weakest->quality_score)) weakest = &p;
  }
  if (!weakest) return "";
  return " Re-record your weakest take, '" + weakest->title + "' (score " +
         std::to_string(static_cast<int>(std::lround(weakest->quality_score))) +
         "), in a quiet room.";
}

std::vector<std::string> missing_steps(const TierRequirement& tier, const SetAssessment& a) {
  std::vector<std::string> steps;
  const int need_passages = required_passages(tier) - a.passages_done;
  if (need_passages > 0) {
    std::vector<std::string> todo;
    for (const auto& p : a.passages) {
      if (!p.done) todo.push_back(p.title);
    }
    if (static_cast<int>(todo.size()) == need_passages) {
      steps.push_back("Read " + quoted_titles(todo) + ".");
    } else {
      steps.push_back("Read " + std::to_string(need_passages) + " more passage" +
                      (need_passages > 1 ? "s" : "") + " of " + quoted_titles(todo, "or") + ".");
    }
  }
  const double need_s = tier.min_total_s - a.total_s;
  if (need_s > 0) {
    std::string step = "Record " + std::to_string(static_cast<int>(std::ceil(need_s))) + " more seconds";
    if (need_passages <= 0) step += " (another take of any passage counts)";
    steps.push_back(step + ".");
  }
  if (a.quality_score < tier.min_quality_score && a.recordings_used > 0) {
    steps.push_back("Raise the overall quality score from " +
                    std::to_string(static_cast<int>(std::floor(a.quality_score))) + " to " +
                    std::to_string(static_cast<int>(tier.min_quality_score)) + "." +
                    weakest_take_hint(a));
  }
  return steps;
}

void assign_tier(const SetAssessmentOptions& options, SetAssessment& a) {
  a.tier = "none";
  std::size_t next = 0;
  while (next < options.tiers.size() && tier_met(options.tiers[next], a)) {
    a.tier = options.tiers[next].name;
    ++next;
  }
  if (next < options.tiers.size()) {
    a.next_tier = options.tiers[next].name;
    a.missing_for_next_tier = missing_steps(options.tiers[next], a);
  }
}

// The analysed text read in a take (null when none): the cached passage when the take was
// not verified, else its read text, analysed once per distinct text.
std::shared_ptr<const text::Utterance> analysed_text(const RecordingSummary& take) {
  if (!take.read_text) {
    const auto it = passage_utterances().find(take.passage_id);
    if (it == passage_utterances().end()) return nullptr;
    return std::shared_ptr<const text::Utterance>(std::shared_ptr<void>(), &it->second);  // not owned
  }
  if (take.read_text->empty()) return nullptr;
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const text::Utterance>> cache;
  std::lock_guard lock(mutex);
  auto& slot = cache[*take.read_text];
  if (!slot) slot = std::make_shared<const text::Utterance>(text::FliteFrontEnd().analyze(*take.read_text));
  std::shared_ptr<const text::Utterance> utterance = slot;
  if (cache.size() > 1000) cache.clear();  // bounded; callers hold their own references
  return utterance;
}

// Coverage of what was read: every distinct text of the usable takes, counted once.
text::Coverage takes_coverage(const std::vector<const RecordingSummary*>& takes) {
  text::PhoneticInventory inventory;
  std::set<std::string> counted;
  for (const RecordingSummary* take : takes) {
    const std::string key = take->read_text ? "text:" + *take->read_text : "passage:" + take->passage_id;
    if (!counted.insert(key).second) continue;
    if (const auto utterance = analysed_text(*take)) text::add_to_inventory(*utterance, inventory);
  }
  return text::measure_coverage(inventory);
}

}  // namespace

SetAssessment assess_set(const std::vector<RecordingSummary>& recordings,
                         const SetAssessmentOptions& options) {
  SetAssessment a;
  std::vector<const RecordingSummary*> takes;
  std::vector<RecordingSummary> usable_takes;
  double weighted_score = 0.0;
  for (const auto& r : recordings) {
    if (!usable(r, options)) {
      a.excluded_recordings.push_back(r.recording_id);
      continue;
    }
    takes.push_back(&r);
    usable_takes.push_back(r);
    a.total_s += r.duration_s;
    weighted_score += r.duration_s * r.quality_score;
  }
  a.recordings_used = static_cast<int>(takes.size());
  a.quality_score = a.total_s > 0 ? std::clamp(weighted_score / a.total_s, 0.0, 100.0) : 0.0;
  a.passages = passage_progress(takes);
  std::vector<RecordingSummary> best_takes;
  for (const auto& p : a.passages) {
    if (!p.done) continue;
    ++a.passages_done;
    for (const RecordingSummary* r : takes) {
      if (r->recording_id == p.best_recording_id) {
        best_takes.push_back(*r);
        break;
      }
    }
  }
  assign_tier(options, a);
  a.coverage = takes_coverage(takes);
  a.emotional_range = measure_emotional_range(best_takes);
  a.consistency = check_consistency(usable_takes, options);
  return a;
}

}  // namespace echoes::quality
