#include "chat/sentence_voicer.h"

#include <chrono>

#include "common/log.h"

namespace echoes::chat {
namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

SentenceVoicer::SentenceVoicer(std::string user_id, SpeakFn speak, AudioFn on_audio)
    : user_id_(std::move(user_id)), speak_(std::move(speak)), on_audio_(std::move(on_audio)), started_s_(now_s()) {
  worker_ = std::thread([this] { run(); });
}

SentenceVoicer::~SentenceVoicer() {
  cancel();
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

void SentenceVoicer::add(std::string sentence) {
  {
    std::lock_guard lock(mutex_);
    if (stopped_ || closing_) return;
    queue_.push_back(std::move(sentence));
  }
  changed_.notify_all();
}

std::vector<SentenceAudio> SentenceVoicer::finish() {
  std::unique_lock lock(mutex_);
  closing_ = true;
  changed_.notify_all();
  changed_.wait(lock, [this] { return (queue_.empty() || stopped_) && !busy_; });
  return done_;
}

void SentenceVoicer::cancel() {
  {
    std::lock_guard lock(mutex_);
    if (!stopped_) failure_ = failure_.value_or("cancelled");
    stopped_ = true;
    queue_.clear();
  }
  changed_.notify_all();
}

std::optional<std::string> SentenceVoicer::failure() {
  std::lock_guard lock(mutex_);
  return failure_;
}

void SentenceVoicer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return !queue_.empty() || closing_ || stopped_; });
    if (queue_.empty()) {  // stopped or closing with nothing left: leave once no more can come
      if (!closing_) changed_.wait(lock, [this] { return closing_; });
      return;
    }
    SentenceAudio item;
    item.index = next_index_++;
    item.text = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    std::optional<audio::Audio> spoken;
    try {
      spoken = speak_(user_id_, item.text);
    } catch (const std::exception& e) {
      log::warn("chat_speak_failed", {{"what", e.what()}});
    }
    bool keep_going = spoken.has_value();
    if (spoken) {
      item.audio = std::move(*spoken);
      item.ready_s = now_s() - started_s_;
      keep_going = on_audio_ ? on_audio_(item) : true;
    }
    lock.lock();
    busy_ = false;
    if (spoken) done_.push_back(std::move(item));
    if (!keep_going && !stopped_) {
      failure_ = spoken ? "cancelled" : "synthesis_failed";
      stopped_ = true;
      queue_.clear();
    }
    changed_.notify_all();
  }
}

}  // namespace echoes::chat
