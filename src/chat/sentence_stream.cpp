#include "chat/sentence_stream.h"

#include "text/sentences.h"

namespace echoes::chat {

std::vector<std::string> SentenceStream::push(std::string_view delta) {
  text_.append(delta);
  // Re-splitting the whole reply is O(n^2) in principle; replies are a few hundred bytes.
  const auto sentences = text::split_sentences(text_);
  std::vector<std::string> complete;
  for (std::size_t i = emitted_; i + 1 < sentences.size(); ++i) complete.push_back(sentences[i]);
  emitted_ += complete.size();
  return complete;
}

std::vector<std::string> SentenceStream::finish() {
  const auto sentences = text::split_sentences(text_);
  std::vector<std::string> rest;
  for (std::size_t i = emitted_; i < sentences.size(); ++i) rest.push_back(sentences[i]);
  emitted_ = sentences.size();
  return rest;
}

}  // namespace echoes::chat
