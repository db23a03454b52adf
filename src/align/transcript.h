#pragma once
// Turning a transcript into the word sequence the aligner looks up in its dictionary.
#include <string>
#include <string_view>
#include <vector>

namespace echoes::align {

/// Splits a transcript into lowercase words for alignment.
/// Input: any bytes (UTF-8 expected; typographic quotes and dashes are folded to ASCII).
/// Output: words of [a-z0-9'] in order. Rules:
/// - letters are lowercased; digits are kept (the pronunciation fallback reads them);
/// - an apostrophe inside a word is kept ("i'm", "o'brien"); leading/trailing ones
///   are dropped ("'twas'" -> "twas");
/// - hyphens and "--" separate words ("forty-two" -> "forty", "two");
/// - every other character (punctuation, symbols) is a separator.
/// Returns an empty vector for text without letters or digits.
std::vector<std::string> normalize_transcript(std::string_view text);

}  // namespace echoes::align
