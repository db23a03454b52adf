#include "align/match.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace echoes::align {
namespace {

constexpr double kFrameS = 0.01;

int frame_of(double time_s) { return static_cast<int>(std::lround(time_s / kFrameS)); }

// Mean forced-minus-free score over frames [first, last).
double mean_ratio(const FrameTrack& forced, const FrameTrack& free, int first, int last) {
  double sum = 0.0;
  int n = 0;
  for (int t = std::max(first, 0); t < last && t < static_cast<int>(forced.score_nats.size()); ++t) {
    sum += forced.score_nats[t] - free.score_nats[t];
    ++n;
  }
  return n > 0 ? sum / n : 0.0;
}

void score_phones_and_words(Alignment& alignment, const FrameTrack& forced,
                            const FrameTrack& free, const MatchOptions& options) {
  for (AlignedPhone& phone : alignment.phones) {
    phone.match_per_frame = mean_ratio(forced, free, frame_of(phone.start_s), frame_of(phone.end_s));
  }
  int implausible = 0;
  for (AlignedWord& word : alignment.words) {
    double match_sum = 0.0;
    double frames = 0.0;
    for (int i = word.first_phone; i < word.first_phone + word.phone_count; ++i) {
      const AlignedPhone& phone = alignment.phones[i];
      const double n = (phone.end_s - phone.start_s) / kFrameS;
      match_sum += phone.match_per_frame * n;
      frames += n;
    }
    word.match_per_frame = frames > 0 ? match_sum / frames : 0.0;
    const double mean_phone_s =
        word.phone_count > 0 ? (word.end_s - word.start_s) / word.phone_count : 0.0;
    word.implausible_duration = mean_phone_s < options.min_mean_phone_duration_s ||
                                mean_phone_s > options.max_mean_phone_duration_s;
    implausible += word.implausible_duration ? 1 : 0;
  }
  alignment.implausible_word_fraction =
      alignment.words.empty() ? 0.0 : static_cast<double>(implausible) / alignment.words.size();
}

void score_utterance(Alignment& alignment, const FrameTrack& forced, const FrameTrack& free) {
  double forced_sum = 0.0;
  double free_sum = 0.0;
  int n = 0;
  for (std::size_t t = 0; t < forced.score_nats.size(); ++t) {
    if (forced.silence[t] && free.silence[t]) continue;
    forced_sum += forced.score_nats[t];
    free_sum += free.score_nats[t];
    ++n;
  }
  alignment.forced_score_per_frame = n > 0 ? forced_sum / n : 0.0;
  alignment.free_score_per_frame = n > 0 ? free_sum / n : 0.0;
  alignment.match_score = alignment.forced_score_per_frame - alignment.free_score_per_frame;
}

void score_coverage(Alignment& alignment, const FrameTrack& forced, const std::vector<char>& loud) {
  int loud_count = 0;
  int loud_in_silence = 0;
  for (std::size_t t = 0; t < loud.size() && t < forced.silence.size(); ++t) {
    if (!loud[t]) continue;
    ++loud_count;
    loud_in_silence += forced.silence[t] ? 1 : 0;
  }
  alignment.unaligned_speech_fraction =
      loud_count > 0 ? static_cast<double>(loud_in_silence) / loud_count : 0.0;
}

std::string percent(double fraction) {
  return std::to_string(static_cast<int>(std::lround(100 * fraction))) + "%";
}

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

}  // namespace

void assess_match(Alignment& alignment, const FrameTrack& forced, const FrameTrack& free,
                  const std::vector<char>& loud, const MatchOptions& options) {
  score_phones_and_words(alignment, forced, free, options);
  score_utterance(alignment, forced, free);
  score_coverage(alignment, forced, loud);
  alignment.matches = false;
  if (alignment.match_score < options.min_match_score) {
    alignment.reason = "The recording does not sound like the text (match score " +
                       format_number(alignment.match_score) + ", needs at least " +
                       format_number(options.min_match_score) + ").";
  } else if (alignment.unaligned_speech_fraction > options.max_unaligned_speech_fraction) {
    alignment.reason = "The recording has speech that the text does not account for (" +
                       percent(alignment.unaligned_speech_fraction) + " of it).";
  } else if (alignment.implausible_word_fraction > options.max_implausible_word_fraction) {
    alignment.reason = "Too many words have implausible timing (" +
                       percent(alignment.implausible_word_fraction) + " of words): the recording may say something else.";
  } else {
    alignment.matches = true;
    alignment.reason.clear();
  }
}

}  // namespace echoes::align
