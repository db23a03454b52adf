#pragma once
// Cuts streamed text into sentences as soon as each is certainly complete, so the first
// sentence can be voiced while the model is still writing the rest.
//
// A sentence is complete once text::split_sentences puts something after it: that needs
// the first character of the next sentence (the splitter looks at it to tell "Dr. Smith"
// or "a.m. today" from a sentence end). The rest is released by finish().
#include <string>
#include <string_view>
#include <vector>

namespace echoes::chat {

class SentenceStream {
 public:
  /// Adds a piece of text; returns the sentences it completed (trimmed, in order).
  std::vector<std::string> push(std::string_view delta);
  /// The text is over: returns what remains as sentences.
  std::vector<std::string> finish();

 private:
  std::string text_;
  std::size_t emitted_ = 0;  // sentences already returned
};

}  // namespace echoes::chat
