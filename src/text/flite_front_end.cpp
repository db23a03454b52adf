#include "text/flite_front_end.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "common/error.h"
#include "text/dates.h"
#include "text/flite_runtime.h"
#include "text/sentences.h"

extern "C" {
#include <flite/flite.h>
#include <flite/cst_synth.h>
#include <flite/cst_utt_utils.h>
}

namespace echoes::text {
namespace {

// flite's text pipeline up to the duration model; f0 and waveform modules are left out.
// Hooks a voice sets in its features (e.g. its postlex_func) override these defaults.
const cst_synth_module kFrontEndModules[] = {
    {"tokenizer_func", default_tokenization},
    {"textanalysis_func", default_textanalysis},
    {"pos_tagger_func", default_pos_tagger},
    {"phrasing_func", default_phrasing},
    {"lexical_insertion_func", default_lexical_insertion},
    {"pause_insertion_func", default_pause_insertion},
    {"intonation_func", cart_intonation},
    {"postlex_func", nullptr},
    {"duration_model_func", cart_duration},
    {nullptr, nullptr}};

struct UttDeleter {
  void operator()(cst_utterance* u) const { delete_utterance(u); }
};
using UttPtr = std::unique_ptr<cst_utterance, UttDeleter>;

bool has_speakable_char(const std::string& s) {
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

// Maps the shared contents of each Word item to its index and fills `words`.
std::unordered_map<const void*, int> index_words(cst_utterance* u, std::vector<std::string>& words) {
  std::unordered_map<const void*, int> index;
  for (cst_item* w = relation_head(utt_relation(u, "Word")); w; w = item_next(w)) {
    index[w->contents] = static_cast<int>(words.size());
    words.emplace_back(item_feat_string(w, "name"));
  }
  return index;
}

// Maps each word's contents to its phrase number (flite's Phrase relation).
std::unordered_map<const void*, int> index_phrases(cst_utterance* u, int& phrase_count) {
  std::unordered_map<const void*, int> phrase_of;
  phrase_count = 0;
  for (cst_item* p = relation_head(utt_relation(u, "Phrase")); p; p = item_next(p), ++phrase_count) {
    for (cst_item* w = item_daughter(p); w; w = item_next(w)) phrase_of[w->contents] = phrase_count;
  }
  return phrase_of;
}

bool is_wh_word(std::string word) {
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  for (const char* wh : {"what", "where", "when", "why", "who", "whom", "whose", "which", "how"}) {
    if (word == wh) return true;
  }
  return false;
}

// How each phrase ends, from the punctuation of its last token. A question is a wh-question
// when the sentence it closes starts with a wh-word ("Where are you?" falls, "Are you?" rises).
std::vector<PhraseEnd> phrase_ends_of(cst_utterance* u) {
  std::vector<PhraseEnd> ends;
  bool sentence_is_wh = false, sentence_start = true;
  for (cst_item* p = relation_head(utt_relation(u, "Phrase")); p; p = item_next(p)) {
    cst_item* first = item_daughter(p);
    cst_item* last = item_last_daughter(p);
    if (first && sentence_start) sentence_is_wh = is_wh_word(item_feat_string(first, "name"));
    const std::string punc = last ? ffeature_string(last, "R:Token.parent.punc") : "";
    PhraseEnd end = item_next(p) ? PhraseEnd::continuation : PhraseEnd::statement;
    if (punc.find('?') != std::string::npos) {
      end = sentence_is_wh ? PhraseEnd::wh_question : PhraseEnd::question;
    } else if (punc.find('!') != std::string::npos) {
      end = PhraseEnd::exclamation;
    } else if (punc.find('.') != std::string::npos) {
      end = PhraseEnd::statement;
    }
    sentence_start = end != PhraseEnd::continuation;
    ends.push_back(end);
  }
  return ends;
}

Utterance collect(cst_utterance* u, std::string text) {
  Utterance out;
  out.text = std::move(text);
  const auto word_index = index_words(u, out.words);
  const auto phrase_of = index_phrases(u, out.phrase_count);
  out.phrase_ends = phrase_ends_of(u);
  const void* last_syllable = nullptr;
  int current_phrase = 0;
  double prev_end_s = 0.0;
  for (cst_item* s = relation_head(utt_relation(u, "Segment")); s; s = item_next(s)) {
    Phone ph;
    ph.name = item_feat_string(s, "name");
    const double end_s = item_feat_float(s, "end");
    ph.flite_duration_s = end_s > prev_end_s ? end_s - prev_end_s : 0.0;
    prev_end_s = end_s;
    const SegmentPlace place = segment_place(s);
    cst_item* syllable = place.syllable;
    cst_item* word = place.word;
    if (word) {
      const auto wi = word_index.find(word->contents);
      ph.word_index = wi != word_index.end() ? wi->second : -1;
      ph.word = item_feat_string(word, "name");
      const auto pi = phrase_of.find(word->contents);
      if (pi != phrase_of.end()) current_phrase = pi->second;
      ph.stress = item_feat_int(syllable, "stress");
      if (syllable->contents != last_syllable) {
        last_syllable = syllable->contents;
        ++out.syllable_count;
      }
      ph.syllable_index = out.syllable_count - 1;
      ph.syllable_start = item_prev(place.in_syllable) == nullptr;
    }
    ph.phrase_index = current_phrase;
    out.phones.push_back(std::move(ph));
  }
  // A pause takes the phrase of the word after it (the leading pause belongs to phrase 0).
  for (std::size_t i = out.phones.size(); i-- > 0;) {
    if (out.phones[i].word_index < 0 && i + 1 < out.phones.size()) {
      out.phones[i].phrase_index = out.phones[i + 1].phrase_index;
    }
  }
  return out;
}

// Sentences of `clean`, with long sentences cut at spaces into pieces of at most
// max_tokens tokens and (unless one token is longer) max_chars characters.
std::vector<std::string> chunks_of(const std::string& clean, std::size_t max_tokens,
                                   std::size_t max_chars) {
  std::vector<std::string> chunks;
  for (const std::string& sentence : split_sentences(clean)) {
    std::string piece;
    std::size_t tokens = 0;
    std::size_t pos = 0;
    while (pos < sentence.size()) {
      std::size_t end = sentence.find(' ', pos);
      if (end == std::string::npos) end = sentence.size();
      if (tokens >= max_tokens || (tokens > 0 && piece.size() + (end - pos) >= max_chars)) {
        chunks.push_back(std::move(piece));
        piece.clear();
        tokens = 0;
      }
      if (!piece.empty()) piece.push_back(' ');
      piece.append(sentence, pos, end - pos);
      ++tokens;
      pos = end + 1;
    }
    if (!piece.empty()) chunks.push_back(std::move(piece));
  }
  return chunks;
}

// Runs flite on one piece of sanitized text.
Utterance analyze_chunk(const std::string& chunk) {
  std::lock_guard<std::mutex> lock(flite_mutex());
  cst_voice* voice = flite_voice("kal16");
  if (voice == nullptr) {
    throw Error(error_code::kInternal, "The English text analyser could not be started.");
  }
  UttPtr utt(new_utterance());
  utt_set_input_text(utt.get(), chunk.c_str());
  if (utt_init(utt.get(), voice) == nullptr ||
      apply_synth_method(utt.get(), kFrontEndModules) == nullptr) {
    throw Error(error_code::kInternal, "The English text analyser failed on this text.");
  }
  return collect(utt.get(), chunk);
}

// Appends `part` to `whole`, shifting its indices and merging the pause at the seam.
void append_utterance(Utterance& whole, Utterance part) {
  const int word_offset = static_cast<int>(whole.words.size());
  const int syllable_offset = whole.syllable_count;
  const int phrase_offset = whole.phrase_count;
  bool skip_pause = !whole.phones.empty() && whole.phones.back().name == kPausePhone;
  for (Phone& p : part.phones) {
    if (skip_pause && p.name == kPausePhone) continue;
    skip_pause = false;
    if (p.word_index >= 0) p.word_index += word_offset;
    if (p.syllable_index >= 0) p.syllable_index += syllable_offset;
    p.phrase_index += phrase_offset;
    whole.phones.push_back(std::move(p));
  }
  for (auto& w : part.words) whole.words.push_back(std::move(w));
  whole.phrase_ends.insert(whole.phrase_ends.end(), part.phrase_ends.begin(), part.phrase_ends.end());
  whole.syllable_count += part.syllable_count;
  whole.phrase_count += part.phrase_count;
}

}  // namespace

FliteFrontEnd::FliteFrontEnd(FliteOptions options) : options_(std::move(options)) {}

Utterance FliteFrontEnd::analyze(std::string_view text) const {
  // A guard on raw bytes, far above the services' limits in characters: the message
  // names no number, since bytes are not what a person counts.
  if (text.size() > options_.max_text_bytes) {
    throw Error(error_code::kTooLong, "The text is too long to read in one piece. Please split it into smaller parts.");
  }
  std::string clean = sanitize_text(text, options_.sanitize);
  if (options_.expand_dates) clean = expand_numeric_dates(clean);
  if (!has_speakable_char(clean)) {
    Utterance empty;
    empty.text = std::move(clean);
    return empty;
  }
  Utterance out;
  for (const std::string& chunk : chunks_of(clean, std::max<std::size_t>(1, options_.max_chunk_tokens),
                                               options_.max_chunk_chars)) {
    append_utterance(out, analyze_chunk(chunk));
  }
  out.text = std::move(clean);
  return out;
}

}  // namespace echoes::text
