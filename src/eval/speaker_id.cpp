#include "eval/speaker_id.h"

#include <algorithm>
#include <set>

#include "common/error.h"

namespace echoes::eval {
namespace {

FeatureMatrix pooled_features(const std::vector<audio::Audio>& clips, const SpeakerFeatureOptions& o) {
  FeatureMatrix all;
  for (const audio::Audio& clip : clips) append_rows(all, speaker_features(clip, o));
  return all;
}

void check_speaker(const SpeakerClips& s, std::set<std::string>& seen) {
  if (s.name.empty()) throw Error(error_code::kInvalidArgument, "Every enrolled speaker needs a name.");
  if (!seen.insert(s.name).second) {
    throw Error(error_code::kInvalidArgument, "The speaker \"" + s.name + "\" is enrolled twice.");
  }
}

}  // namespace

SpeakerIdentifier::SpeakerIdentifier(const std::vector<SpeakerClips>& speakers, SpeakerIdOptions options)
    : options_(std::move(options)) {
  if (speakers.empty()) throw Error(error_code::kInvalidArgument, "Speaker identification needs enrolled speakers.");
  std::set<std::string> seen;
  std::vector<FeatureMatrix> per_speaker;
  FeatureMatrix pooled;
  for (const SpeakerClips& s : speakers) {
    check_speaker(s, seen);
    per_speaker.push_back(pooled_features(s.clips, options_.features));
    if (per_speaker.back().frames < options_.min_enrollment_frames) {
      throw Error(error_code::kInvalidArgument,
                  "The speaker \"" + s.name + "\" has too little speech to enroll.");
    }
    append_rows(pooled, per_speaker.back());
    names_.push_back(s.name);
  }
  const std::size_t step = (pooled.frames + options_.max_ubm_frames - 1) / std::max<std::size_t>(options_.max_ubm_frames, 1);
  ubm_ = train_gmm(every_nth_row(pooled, step), options_.ubm);
  for (const FeatureMatrix& f : per_speaker) models_.push_back(map_adapt_means(ubm_, f, options_.relevance_factor));
}

std::vector<SpeakerScore> SpeakerIdentifier::identify(const audio::Audio& clip) const {
  return identify_features(speaker_features(clip, options_.features));
}

std::vector<SpeakerScore> SpeakerIdentifier::identify_features(const FeatureMatrix& features) const {
  if (features.frames < options_.min_clip_frames) {
    throw Error(error_code::kNoSpeech, "The clip has too little speech to identify its speaker.");
  }
  if (features.dims != ubm_.dims()) throw Error(error_code::kInvalidArgument, "Features do not match the model.");
  const double ubm_ll = ubm_.mean_log_likelihood(features);
  std::vector<SpeakerScore> scores;
  for (std::size_t i = 0; i < models_.size(); ++i) {
    scores.push_back({names_[i], models_[i].mean_log_likelihood(features) - ubm_ll});
  }
  std::stable_sort(scores.begin(), scores.end(),
                   [](const SpeakerScore& a, const SpeakerScore& b) { return a.llr > b.llr; });
  return scores;
}

}  // namespace echoes::eval
