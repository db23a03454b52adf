#pragma once
// The JSGF grammar that forces pocketsphinx through a transcript phone by phone.
//
// pocketsphinx has no public phone-alignment API, so every phone is added to its dictionary
// as a one-phone pseudo-word and the grammar is a sequence of those. Two pseudo-words exist
// per phone: "w_AH" for the first phone of a word and "p_AH" for the others. They share the
// same acoustic model (scores are identical) but let the result be cut back into words
// without guessing which alternative pronunciation was taken.
//
// For read-along checks (sentence_grammar) every sentence is optional and its first phone
// is a third kind, "s12_DH" (sentence 12 starts here), so the decoded path says which
// sentences were read without matching phone strings back to the text.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace echoes::align {

/// The phones of pocketsphinx's en-us model (ARPAbet without stress), SIL included.
const std::vector<std::string>& model_phones();

/// "w_<PHONE>" when `word_initial`, else "p_<PHONE>".
std::string phone_pseudo_word(std::string_view phone, bool word_initial);

/// "s<sentence>_<PHONE>": the first phone of sentence `sentence` (0-based).
std::string sentence_pseudo_word(std::size_t sentence, std::string_view phone);

/// The phone of a pseudo-word ("w_AH", "p_AH", "s3_AH" -> "AH"); empty when `pseudo_word`
/// is not one.
std::string phone_of_pseudo_word(std::string_view pseudo_word);

/// True for a word-initial pseudo-word ("w_AH", and "s3_AH", which starts a word too).
bool is_word_initial(std::string_view pseudo_word);

/// The sentence a sentence-initial pseudo-word starts ("s3_AH" -> 3); -1 for any other.
int sentence_of_pseudo_word(std::string_view pseudo_word);

/// One transcript word with its candidate pronunciations (each a list of model phones).
struct WordPronunciations {
  std::string word;
  std::vector<std::vector<std::string>> alternatives;  ///< at least one, none empty
  bool in_dictionary = true;
};

/// JSGF text: optional silence, then each word as a choice between its pronunciations,
/// with optional silence after every word.
std::string alignment_grammar(const std::vector<WordPronunciations>& words);

/// JSGF text for a read-along check: optional silence, then every sentence as an optional
/// block (its words as in alignment_grammar, the first phone a sentence pseudo-word), so
/// the search may skip any sentence. Sentences without words are left out. (Letting every
/// sentence end after any word was tried: it worsened the match of sentences read in full.)
std::string sentence_grammar(const std::vector<std::vector<WordPronunciations>>& sentences);

}  // namespace echoes::align
