#pragma once
// Turning a free-text question into search terms: the words that carry meaning
// (no stopwords such as "what", "you", "the"), an FTS5 query of them, and a cheap
// word match used to pick which sentences of a memory to quote.
#include <string>
#include <string_view>
#include <vector>

namespace echoes::chat {

/// Lowercased content words of `text` in order of first appearance, without duplicates,
/// at most `max_terms`. A word is a run of ASCII letters/digits or non-ASCII bytes
/// (UTF-8 passes through); words shorter than 2 bytes and stopwords are dropped.
std::vector<std::string> content_terms(std::string_view text, std::size_t max_terms = 16);

/// An FTS5 query matching any of `terms`: "t1" OR "t2" ... (each quoted, so no term is
/// read as FTS5 syntax). "" for no terms.
std::string fts_any_query(const std::vector<std::string>& terms);

/// How many of `terms` occur in `sentence`, comparing words by their first 5 bytes
/// (a crude stem: "gardens"/"gardening" match "garden").
int shared_term_count(const std::vector<std::string>& terms, std::string_view sentence);

}  // namespace echoes::chat
