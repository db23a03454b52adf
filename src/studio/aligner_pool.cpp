#include "studio/aligner_pool.h"

#include <algorithm>
#include <utility>

namespace echoes::studio {

AlignerPool::AlignerPool(int size, align::AlignerOptions options) : size_(std::max(1, size)), options_(std::move(options)) {}

AlignerPool::~AlignerPool() = default;

template <typename Work>
align::Alignment AlignerPool::with_aligner(Work work) {
  std::unique_ptr<align::ForcedAligner> aligner = take();
  try {
    align::Alignment result = work(*aligner);
    give_back(std::move(aligner));
    return result;
  } catch (...) {
    give_back(std::move(aligner));
    throw;
  }
}

align::Alignment AlignerPool::align(const audio::Audio& audio, const std::string& transcript) {
  return with_aligner([&](align::ForcedAligner& aligner) { return aligner.align(audio, transcript); });
}

align::Alignment AlignerPool::align_sentences(const audio::Audio& audio, const std::vector<std::string>& sentences) {
  return with_aligner([&](align::ForcedAligner& aligner) { return aligner.align_sentences(audio, sentences); });
}

std::unique_ptr<align::ForcedAligner> AlignerPool::take() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty() || created_ < size_; });
  if (!idle_.empty()) {
    auto aligner = std::move(idle_.back());
    idle_.pop_back();
    return aligner;
  }
  ++created_;
  lock.unlock();
  try {
    return std::make_unique<align::ForcedAligner>(options_);
  } catch (...) {
    lock.lock();
    --created_;
    available_.notify_one();
    throw;
  }
}

void AlignerPool::give_back(std::unique_ptr<align::ForcedAligner> aligner) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(aligner));
  available_.notify_one();
}

}  // namespace echoes::studio
