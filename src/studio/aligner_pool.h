#pragma once
// A few forced aligners shared by concurrent uploads (consent statements, read-along
// checks). align::ForcedAligner is not thread-safe and costs ~0.1 s and ~40 MB to load, so
// up to `size` are created on first use and each is lent to one call at a time.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "align/aligner.h"

namespace echoes::studio {

class AlignerPool {
 public:
  explicit AlignerPool(int size, align::AlignerOptions options = {});
  ~AlignerPool();

  /// ForcedAligner::align on a free aligner (waits while all are busy).
  align::Alignment align(const audio::Audio& audio, const std::string& transcript);
  /// ForcedAligner::align_sentences on a free aligner.
  align::Alignment align_sentences(const audio::Audio& audio, const std::vector<std::string>& sentences);

 private:
  std::unique_ptr<align::ForcedAligner> take();
  void give_back(std::unique_ptr<align::ForcedAligner> aligner);
  template <typename Work>
  align::Alignment with_aligner(Work work);

  const int size_;
  const align::AlignerOptions options_;
  int created_ = 0;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<align::ForcedAligner>> idle_;
};

}  // namespace echoes::studio
