#pragma once
// Sentence splitting, so long text can be analysed and spoken piece by piece (streaming).
#include <string>
#include <string_view>
#include <vector>

namespace echoes::text {

/// Splits text into sentences, each trimmed, none empty, in order.
/// A sentence ends at '.', '!' or '?' (with any closing quotes/brackets) followed by
/// whitespace or the end, and at blank lines (paragraph breaks). A period does not end
/// a sentence after a title abbreviation ("Dr.", "Mrs.", "St."), after a single-letter
/// initial ("J. Smith"), or when the next word starts in lower case ("a.m. today").
/// Input: any bytes; UTF-8 passes through unchanged.
std::vector<std::string> split_sentences(std::string_view text);

}  // namespace echoes::text
