#pragma once
// The confidence score of an echo reply, 0..1 (docs/chat.md, "Confidence").
//
//   r = retrieval coverage (0..1)            m = mean token probability, or 0.5 if unknown
//   level 0 (model):            c = 0.3 + 0.4 r + 0.3 m, then x0.8 if cut by max_tokens,
//                                   x0.5 if the stream broke off
//   level 1 (quoted memories):  c = 0.5 r
//   level 2 (no memory):        c = 0
// Rounded to 2 decimals. Level 1 is capped at 0.5 because quoting is true to the person
// but is not an answer composed for the question.
#include <optional>

namespace echoes::chat {

struct ConfidenceInputs {
  int fallback_level = 0;                         ///< 0 model, 1 memories, 2 no memory
  double retrieval_coverage = 0;                  ///< Retrieval::coverage
  std::optional<double> mean_token_probability;   ///< from the model's logprobs, when sent
  bool truncated = false;                         ///< finish_reason "length"
  bool interrupted = false;                       ///< the model stopped mid-reply
};

double reply_confidence(const ConfidenceInputs& inputs);

}  // namespace echoes::chat
