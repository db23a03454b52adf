#pragma once
// Voices sentences on a worker thread while the text is still being generated. Sentences
// are spoken in the order added; each finished one is handed to `on_audio` at once.
// After the first failure (speak returned nullopt or threw) nothing more is spoken.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "chat/voice_hooks.h"

namespace echoes::chat {

struct SentenceAudio {
  int index = 0;         ///< 0-based sentence number in the reply
  std::string text;
  audio::Audio audio;
  double ready_s = 0;    ///< seconds from the voicer's start until this audio was ready
};

class SentenceVoicer {
 public:
  /// Return false to stop voicing (e.g. the listener left).
  using AudioFn = std::function<bool(const SentenceAudio&)>;

  SentenceVoicer(std::string user_id, SpeakFn speak, AudioFn on_audio);
  ~SentenceVoicer();  // cancels and joins
  SentenceVoicer(const SentenceVoicer&) = delete;
  SentenceVoicer& operator=(const SentenceVoicer&) = delete;

  /// Queues a sentence (ignored after cancel() or a failure).
  void add(std::string sentence);
  /// Waits until every queued sentence is voiced (or voicing stopped); returns all audio in order.
  std::vector<SentenceAudio> finish();
  /// Drops queued sentences; the one being spoken finishes but is not delivered.
  void cancel();
  /// Why voicing stopped early ("synthesis_failed", "cancelled"), or nullopt.
  std::optional<std::string> failure();

 private:
  void run();

  std::string user_id_;
  SpeakFn speak_;
  AudioFn on_audio_;
  double started_s_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  std::vector<SentenceAudio> done_;
  int next_index_ = 0;
  bool closing_ = false;   // no more sentences will come
  bool stopped_ = false;   // cancelled or failed
  bool busy_ = false;
  std::optional<std::string> failure_;
  std::thread worker_;
};

}  // namespace echoes::chat
