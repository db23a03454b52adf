#include "chat/fallback.h"

#include <algorithm>

#include "chat/query_terms.h"
#include "text/sentences.h"

namespace echoes::chat {

std::string memory_grounded_reply(const Retrieval& retrieval, const FallbackOptions& options) {
  if (retrieval.hits.empty() || retrieval.coverage < options.min_coverage) return "";
  const auto sentences = text::split_sentences(retrieval.hits.front().memory.text);
  if (sentences.empty()) return "";
  std::vector<int> scores;
  for (const auto& sentence : sentences) scores.push_back(shared_term_count(retrieval.terms, sentence));
  // Keep the best-scoring sentences, then restore their order in the memory.
  std::vector<std::size_t> order(sentences.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  order.resize(std::min<std::size_t>(order.size(), static_cast<std::size_t>(std::max(1, options.max_sentences))));
  std::sort(order.begin(), order.end());
  std::string reply = kMemoryReplyLead;
  for (std::size_t i = 0; i < order.size(); ++i) reply += (i ? " " : "") + sentences[order[i]];
  return reply;
}

}  // namespace echoes::chat
