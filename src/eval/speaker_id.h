#pragma once
// Closed-set speaker identification with a GMM-UBM (Reynolds et al. 2000).
//
// Training: speaker features (speaker_features.h) of every enrolled speaker are pooled,
// thinned to at most SpeakerIdOptions::max_ubm_frames, and a diagonal GMM (the universal
// background model, UBM) is fitted by EM. Each speaker's model is the UBM with its means
// MAP-adapted to that speaker's frames.
// Scoring: the score of a clip for a speaker is the mean over the clip's speech frames of
// log p(x | speaker) - log p(x | UBM), in nats per frame (a log-likelihood ratio, LLR):
// positive means "more like this speaker than like the average enrolled voice".
//
// Measured on the shared corpus (docs/voice-quality.md): enrolled on about 45-60 s of real
// audio per speaker, 94 of 94 real clips the model had not seen were identified correctly;
// flite's stock voices were "identified" as the speaker whose text they read 14-20% of the time.
#include <string>
#include <vector>

#include "audio/audio.h"
#include "eval/gmm.h"
#include "eval/speaker_features.h"

namespace echoes::eval {

struct SpeakerIdOptions {
  SpeakerFeatureOptions features;
  GmmOptions ubm;                    ///< UBM size and training
  double relevance_factor = 16.0;    ///< MAP relevance factor r (see map_adapt_means)
  std::size_t max_ubm_frames = 40000;  ///< pooled frames beyond this are thinned evenly
  std::size_t min_enrollment_frames = 200;  ///< fewer speech frames (2 s) is refused
  std::size_t min_clip_frames = 30;  ///< a clip with fewer speech frames (0.3 s) is refused
};

/// A speaker to enroll: a name and real recordings of them.
struct SpeakerClips {
  std::string name;
  std::vector<audio::Audio> clips;
};

/// One speaker's score for a clip.
struct SpeakerScore {
  std::string name;
  double llr = 0.0;  ///< mean log-likelihood ratio vs the UBM, nats per speech frame
};

class SpeakerIdentifier {
 public:
  /// Trains the UBM on all speakers' clips and adapts one model per speaker.
  /// Throws echoes::Error(invalid_argument) for no speakers, an empty or duplicate name, or
  /// a speaker with fewer than min_enrollment_frames speech frames.
  explicit SpeakerIdentifier(const std::vector<SpeakerClips>& speakers, SpeakerIdOptions options = {});

  /// Scores of every enrolled speaker for `clip`, best first.
  /// Throws echoes::Error(no_speech) when the clip has fewer than min_clip_frames speech frames.
  std::vector<SpeakerScore> identify(const audio::Audio& clip) const;

  /// Same as identify() for precomputed features (rows from speaker_features()).
  std::vector<SpeakerScore> identify_features(const FeatureMatrix& features) const;

  /// Enrolled speaker names, in enrollment order.
  const std::vector<std::string>& speakers() const { return names_; }
  const DiagonalGmm& ubm() const { return ubm_; }
  const SpeakerIdOptions& options() const { return options_; }

 private:
  SpeakerIdOptions options_;
  DiagonalGmm ubm_;
  std::vector<std::string> names_;
  std::vector<DiagonalGmm> models_;
};

}  // namespace echoes::eval
