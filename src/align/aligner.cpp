#include "align/aligner.h"
#include "align/pocketsphinx_log.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <pocketsphinx.h>

#include "align/grammar.h"
#include "align/loud_frames.h"
#include "align/pronunciation.h"
#include "align/transcript.h"
#include "audio/resample.h"
#include "common/error.h"

namespace echoes::align {
namespace {

constexpr int kDecoderRateHz = 16000;
constexpr double kFrameS = 0.01;       // pocketsphinx's default -frate 100
constexpr int kMinFramesPerPhone = 3;  // 3-state left-to-right HMMs without skips
constexpr int kScoreShift = 10;        // pocketsphinx's SENSCR_SHIFT: path scores are >> 10
constexpr const char* kAlignSearch = "align";
constexpr const char* kFreeSearch = "free";
constexpr std::size_t kSamplesPerFrame = kDecoderRateHz / 100;
constexpr int kMinPauseFrames = 20;   // 0.2 s: a pause between sentences or phrases
constexpr int kMaxTrailingCuts = 4;   // read-along retries of a take that stops mid-sentence

// One decoded segment (a pseudo-word or phone) on the 10 ms frame grid.
struct Segment {
  std::string name;
  int first_frame = 0;
  int last_frame = 0;  // inclusive
  double score_nats = 0.0;
};

std::string number_string(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace

// Owns the pocketsphinx decoder and its configuration.
struct ForcedAligner::Decoder {
  cmd_ln_t* config = nullptr;
  ps_decoder_t* ps = nullptr;
  double nats_per_score_unit = 0.0;

  ~Decoder() {
    if (ps) ps_free(ps);
    if (config) cmd_ln_free_r(config);
  }
};

namespace {

void check_decoder(bool ok, const char* what) {
  if (!ok) throw Error(error_code::kInternal, std::string("The speech aligner failed: ") + what + ".");
}

std::vector<std::string> split_phones(const char* text) {
  std::vector<std::string> phones;
  std::string phone;
  for (const char* c = text; *c; ++c) {
    if (*c == ' ' || *c == '\t') {
      if (!phone.empty()) phones.push_back(std::move(phone));
      phone.clear();
    } else {
      phone.push_back(*c);
    }
  }
  if (!phone.empty()) phones.push_back(std::move(phone));
  return phones;
}

// cmudict variants are stored as "word", "word(2)", "word(3)", ...
std::vector<std::vector<std::string>> dictionary_pronunciations(ps_decoder_t* ps,
                                                                const std::string& word,
                                                                int max_count) {
  std::vector<std::vector<std::string>> found;
  for (int variant = 1; variant <= max_count; ++variant) {
    const std::string key = variant == 1 ? word : word + "(" + std::to_string(variant) + ")";
    char* phones = ps_lookup_word(ps, key.c_str());
    if (!phones) break;
    found.push_back(split_phones(phones));
    std::free(phones);
    if (found.back().empty()) found.pop_back();
  }
  return found;
}

WordPronunciations pronounce(ps_decoder_t* ps, const std::string& word, int max_count) {
  WordPronunciations entry{word, dictionary_pronunciations(ps, word, max_count), true};
  if (entry.alternatives.empty()) {
    entry.in_dictionary = false;
    std::vector<std::string> phones = letter_to_sound(word);
    if (phones.empty()) {
      throw Error(error_code::kInvalidArgument,
                  "The transcript has a word that cannot be pronounced: \"" + word + "\".");
    }
    entry.alternatives.push_back(std::move(phones));
  }
  return entry;
}

std::vector<WordPronunciations> pronounce_all(ps_decoder_t* ps, const std::vector<std::string>& words,
                                              int max_count) {
  std::vector<WordPronunciations> out;
  for (const std::string& word : words) out.push_back(pronounce(ps, word, max_count));
  return out;
}

// Fewest phones the transcript can be said with (shortest variant of every word).
std::size_t min_phone_count(const std::vector<WordPronunciations>& words) {
  std::size_t total = 0;
  for (const WordPronunciations& word : words) {
    std::size_t shortest = word.alternatives.front().size();
    for (const auto& alternative : word.alternatives) shortest = std::min(shortest, alternative.size());
    total += shortest;
  }
  return total;
}

std::vector<std::string> unknown_words(const std::vector<WordPronunciations>& words) {
  std::vector<std::string> unknown;
  for (const WordPronunciations& word : words) {
    if (!word.in_dictionary) unknown.push_back(word.word);
  }
  return unknown;
}

// Float audio at any rate -> 16 kHz 16-bit PCM, as pocketsphinx wants it.
std::vector<std::int16_t> to_decoder_pcm(const audio::Audio& input) {
  const std::vector<float> resampled = audio::resample(input.samples, input.rate_hz, kDecoderRateHz);
  std::vector<std::int16_t> pcm(resampled.size());
  for (std::size_t i = 0; i < resampled.size(); ++i) {
    const float scaled = std::clamp(resampled[i] * 32767.0f, -32768.0f, 32767.0f);
    pcm[i] = static_cast<std::int16_t>(std::lrint(scaled));
  }
  return pcm;
}

double peak_dbfs(const std::vector<float>& samples) {
  float peak = 0.0f;
  for (float s : samples) peak = std::max(peak, std::fabs(s));
  return peak > 0.0f ? 20.0 * std::log10(peak) : -1000.0;
}

// Runs `search` over the whole recording; returns its best path (empty when none).
std::vector<Segment> decode(ps_decoder_t* ps, double nats_per_score_unit, const char* search,
                            const std::vector<std::int16_t>& pcm) {
  check_decoder(ps_set_search(ps, search) == 0, "cannot select its search");
  check_decoder(ps_start_utt(ps) == 0, "cannot start");
  // full_utt = TRUE: the whole recording is known, so cepstral mean normalization uses it all.
  check_decoder(ps_process_raw(ps, pcm.data(), pcm.size(), FALSE, TRUE) >= 0, "cannot process audio");
  check_decoder(ps_end_utt(ps) == 0, "cannot finish");
  std::vector<Segment> segments;
  int32 best_score = 0;
  if (!ps_get_hyp(ps, &best_score)) return segments;
  for (ps_seg_t* seg = ps_seg_iter(ps); seg; seg = ps_seg_next(seg)) {
    const char* word = ps_seg_word(seg);
    int first = 0, last = 0;
    ps_seg_frames(seg, &first, &last);
    if (!word || last < first) continue;  // null transitions of the grammar
    int32 acoustic = 0, language = 0, backoff = 0;
    ps_seg_prob(seg, &acoustic, &language, &backoff);
    segments.push_back({word, first, last, acoustic * nats_per_score_unit});
  }
  return segments;
}

FrameTrack frame_track(const std::vector<Segment>& segments, int frame_count,
                       bool (*is_silence)(const std::string&)) {
  FrameTrack track{std::vector<double>(frame_count, 0.0), std::vector<char>(frame_count, 1)};
  for (const Segment& s : segments) {
    const int n = s.last_frame - s.first_frame + 1;
    for (int t = std::max(s.first_frame, 0); t <= s.last_frame && t < frame_count; ++t) {
      track.score_nats[t] = s.score_nats / n;
      track.silence[t] = is_silence(s.name) ? 1 : 0;
    }
  }
  return track;
}

bool forced_silence(const std::string& pseudo_word) {
  const std::string phone = phone_of_pseudo_word(pseudo_word);
  return phone.empty() || phone == kSilencePhone;
}

// Allphone segments are named by phone; fillers (SIL, +NSN+, ...) count as silence.
bool free_silence(const std::string& phone) {
  return phone == kSilencePhone || phone.front() == '+' || phone.front() == '<';
}

// Index into `words` of the word a word-initial segment starts: the first word of its
// sentence for a sentence pseudo-word, else the word after the previous one; -1 when the
// path does not fit the text.
int next_word_index(const std::string& pseudo_word, int previous, std::size_t word_count,
                    const std::vector<std::size_t>& sentence_first_word) {
  const int sentence = sentence_of_pseudo_word(pseudo_word);
  std::size_t next = static_cast<std::size_t>(previous + 1);
  if (sentence >= 0) {
    if (static_cast<std::size_t>(sentence) >= sentence_first_word.size()) return -1;
    next = sentence_first_word[sentence];
  }
  return next < word_count ? static_cast<int>(next) : -1;
}

// Sentence of the word at `index` (sentence_first_word is ascending); -1 without sentences.
int sentence_of_word(std::size_t index, const std::vector<std::size_t>& sentence_first_word) {
  int sentence = -1;
  for (std::size_t s = 0; s < sentence_first_word.size() && sentence_first_word[s] <= index; ++s) {
    sentence = static_cast<int>(s);
  }
  return sentence;
}

// Cuts the forced path back into words and phones. Returns false when the path does not
// cover the transcript (the search ended early or went off the grammar). With sentences
// (sentence_first_word non-empty) any subset of whole sentences may be on the path.
bool build_alignment(const std::vector<Segment>& segments, const std::vector<WordPronunciations>& words,
                     const std::vector<std::size_t>& sentence_first_word, Alignment& out) {
  int source_index = -1;
  for (const Segment& s : segments) {
    const std::string phone = phone_of_pseudo_word(s.name);
    if (phone.empty()) continue;
    AlignedPhone aligned;
    aligned.phone = phone;
    aligned.start_s = s.first_frame * kFrameS;
    aligned.end_s = (s.last_frame + 1) * kFrameS;
    aligned.score_per_frame = s.score_nats / (s.last_frame - s.first_frame + 1);
    if (phone != kSilencePhone) {
      if (is_word_initial(s.name)) {
        source_index = next_word_index(s.name, source_index, words.size(), sentence_first_word);
        if (source_index < 0) return false;
        const WordPronunciations& source = words[source_index];
        AlignedWord word;
        word.word = source.word;
        word.in_dictionary = source.in_dictionary;
        word.first_phone = static_cast<int>(out.phones.size());
        word.start_s = aligned.start_s;
        word.sentence_index = sentence_of_word(source_index, sentence_first_word);
        out.words.push_back(word);
      }
      if (out.words.empty()) return false;
      AlignedWord& word = out.words.back();
      aligned.word_index = static_cast<int>(out.words.size()) - 1;
      word.phone_count += 1;
      word.end_s = aligned.end_s;
      const double frames_before = (aligned.start_s - word.start_s) / kFrameS;
      const double frames = (aligned.end_s - aligned.start_s) / kFrameS;
      word.score_per_frame =
          (word.score_per_frame * frames_before + aligned.score_per_frame * frames) /
          (frames_before + frames);
    }
    out.phones.push_back(std::move(aligned));
  }
  return !sentence_first_word.empty() || out.words.size() == words.size();
}

// Where to cut a take that ends mid-sentence: the middle of the last pause (kMinPauseFrames
// quiet frames or more) that speech follows; 0 when there is none.
std::size_t last_pause_sample(const std::vector<std::int16_t>& pcm) {
  const int frames = static_cast<int>(pcm.size() / kSamplesPerFrame);
  const std::vector<char> loud = loud_frames(pcm, frames);
  int t = frames - 1;
  while (t >= 0 && !loud[t]) --t;  // trailing quiet
  while (t >= 0) {
    while (t >= 0 && loud[t]) --t;  // the last stretch of speech
    int quiet = 0;
    while (t >= 0 && !loud[t]) --t, ++quiet;
    if (quiet >= kMinPauseFrames && t >= 0) {
      return static_cast<std::size_t>(t + 1 + quiet / 2) * kSamplesPerFrame;
    }
  }
  return 0;
}

// Adds the sentence pseudo-words the grammar uses ("s3_DH") to the decoder's dictionary.
void add_sentence_words(ps_decoder_t* ps, const std::vector<std::vector<WordPronunciations>>& sentences) {
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    if (sentences[s].empty()) continue;
    for (const auto& alternative : sentences[s].front().alternatives) {
      const std::string word = sentence_pseudo_word(s, alternative.front());
      if (char* known = ps_lookup_word(ps, word.c_str())) {
        std::free(known);
        continue;
      }
      check_decoder(ps_add_word(ps, word.c_str(), alternative.front().c_str(), FALSE) >= 0,
                    "cannot add its sentence words");
    }
  }
}

Alignment failed_alignment(double duration_s, std::vector<std::string> unknown, std::string reason) {
  Alignment result;
  result.duration_s = duration_s;
  result.unknown_words = std::move(unknown);
  result.match_score = -1e9;
  result.matches = false;
  result.reason = std::move(reason);
  return result;
}

void validate_audio(const audio::Audio& audio, const AlignerOptions& options) {
  if (audio.rate_hz <= 0) {
    throw Error(error_code::kInvalidArgument, "The audio has an invalid sample rate.");
  }
  if (audio.samples.empty()) throw Error(error_code::kEmptyAudio, "The recording is empty.");
  if (audio.duration_s() > options.max_duration_s) {
    throw Error(error_code::kTooLong, "The recording is too long to align (limit " +
                                          number_string(options.max_duration_s) + " s).");
  }
  if (peak_dbfs(audio.samples) < options.silence_peak_dbfs) {
    throw Error(error_code::kNoSpeech, "The recording is silent.");
  }
}

}  // namespace

ForcedAligner::ForcedAligner(AlignerOptions options)
    : options_(std::move(options)), decoder_(std::make_unique<Decoder>()) {
  const std::string hmm = options_.model_dir + "/en-us";
  const std::string dict = options_.model_dir + "/cmudict-en-us.dict";
  const std::string beam = number_string(options_.beam);
  const std::string phone_beam = number_string(options_.phone_beam);
  const std::string word_beam = number_string(options_.word_beam);
  silence_pocketsphinx_log();
  decoder_->config = cmd_ln_init(nullptr, ps_args(), TRUE, "-hmm", hmm.c_str(), "-dict",
                                 dict.c_str(), "-beam", beam.c_str(),
                                 "-pbeam", phone_beam.c_str(), "-wbeam", word_beam.c_str(),
                                 // Silence only where the grammar allows it (between words).
                                 "-fsgusefiller", "no", "-bestpath", "no",
                                 // Keep every frame: its voice activity detector drops
                                 // silent frames, which would shift all times after them.
                                 "-remove_silence", "no",
                                 // Its noise estimate carries over between utterances, so
                                 // the same recording would align differently each time.
                                 "-remove_noise", "no",
                                 // Context-independent phone loop: 100x faster, enough as a reference.
                                 "-allphone_ci", "yes", nullptr);
  if (decoder_->config) decoder_->ps = ps_init(decoder_->config);
  if (!decoder_->ps) {
    throw Error(error_code::kUnavailable, "The speech alignment model could not be loaded.");
  }
  decoder_->nats_per_score_unit =
      logmath_log_to_ln(ps_get_logmath(decoder_->ps), 1) * static_cast<double>(1 << kScoreShift);
  for (const std::string& phone : model_phones()) {
    for (bool initial : {true, false}) {
      check_decoder(ps_add_word(decoder_->ps, phone_pseudo_word(phone, initial).c_str(),
                                phone.c_str(), FALSE) >= 0,
                    "cannot add its phone words");
    }
  }
  check_decoder(ps_set_allphone_file(decoder_->ps, kFreeSearch, nullptr) == 0,
                "cannot set up phone recognition");
  check_decoder(ps_set_search(decoder_->ps, kFreeSearch) == 0, "cannot select phone recognition");
}

ForcedAligner::~ForcedAligner() = default;

Alignment ForcedAligner::align(const audio::Audio& audio, std::string_view transcript) {
  const std::vector<std::string> words = normalize_transcript(transcript);
  if (words.empty()) {
    throw Error(error_code::kInvalidArgument, "The transcript has no words to align.");
  }
  if (words.size() > options_.max_words) {
    throw Error(error_code::kInvalidArgument,
                "The transcript is too long to align (limit " + std::to_string(options_.max_words) +
                    " words).");
  }
  validate_audio(audio, options_);

  const std::vector<WordPronunciations> pronunciations =
      pronounce_all(decoder_->ps, words, options_.max_pronunciations);
  const std::vector<std::string> unknown = unknown_words(pronunciations);

  const std::vector<std::int16_t> pcm = to_decoder_pcm(audio);
  const int frame_count = static_cast<int>(pcm.size() * 100 / kDecoderRateHz);
  if (min_phone_count(pronunciations) * kMinFramesPerPhone > static_cast<std::size_t>(frame_count)) {
    return failed_alignment(audio.duration_s(), unknown,
                            "The text is too long for the recording: it cannot be said in " +
                                number_string(std::round(audio.duration_s() * 100) / 100) + " s.");
  }
  Alignment result;
  result.duration_s = audio.duration_s();
  result.unknown_words = unknown;
  if (!decode_into(pcm, alignment_grammar(pronunciations), pronunciations, {}, result)) {
    return failed_alignment(
        audio.duration_s(), unknown,
        "The text could not be aligned to the recording: it may say something else or be cut short.");
  }
  return result;
}

Alignment ForcedAligner::align_sentences(const audio::Audio& audio, const std::vector<std::string>& sentences) {
  std::vector<std::vector<WordPronunciations>> by_sentence;
  std::vector<WordPronunciations> all;
  std::vector<std::size_t> sentence_first_word;
  for (const std::string& sentence : sentences) {
    sentence_first_word.push_back(all.size());
    by_sentence.push_back(pronounce_all(decoder_->ps, normalize_transcript(sentence), options_.max_pronunciations));
    all.insert(all.end(), by_sentence.back().begin(), by_sentence.back().end());
  }
  if (all.empty()) throw Error(error_code::kInvalidArgument, "The transcript has no words to align.");
  if (all.size() > options_.max_words) {
    throw Error(error_code::kInvalidArgument,
                "The transcript is too long to align (limit " + std::to_string(options_.max_words) + " words).");
  }
  validate_audio(audio, options_);
  add_sentence_words(decoder_->ps, by_sentence);
  const std::string grammar = sentence_grammar(by_sentence);
  std::vector<std::int16_t> pcm = to_decoder_pcm(audio);
  // A take that stops mid-sentence has no path to the grammar's end: the speech after the
  // last sentence read cannot be silence within the beam. Drop the audio from the last
  // pause on and try again (a few times: the pause may have been inside the sentence).
  for (int attempt = 0; attempt <= kMaxTrailingCuts; ++attempt) {
    Alignment result;
    result.duration_s = audio.duration_s();
    result.unknown_words = unknown_words(all);
    if (decode_into(pcm, grammar, all, sentence_first_word, result)) return result;
    const std::size_t cut = last_pause_sample(pcm);
    if (cut == 0 || cut >= pcm.size()) break;
    pcm.resize(cut);
  }
  return failed_alignment(audio.duration_s(), unknown_words(all), "The text could not be aligned to the recording.");
}

bool ForcedAligner::decode_into(const std::vector<std::int16_t>& pcm, const std::string& grammar,
                                const std::vector<WordPronunciations>& words,
                                const std::vector<std::size_t>& sentence_first_word, Alignment& result) {
  const int frame_count = static_cast<int>(pcm.size() * 100 / kDecoderRateHz);
  // The previous grammar is replaced while another search is selected (replacing the
  // selected search would leave pocketsphinx pointing at freed memory).
  check_decoder(ps_set_search(decoder_->ps, kFreeSearch) == 0, "cannot select phone recognition");
  check_decoder(ps_set_jsgf_string(decoder_->ps, kAlignSearch, grammar.c_str()) == 0,
                "cannot compile the transcript grammar");
  const std::vector<Segment> forced = decode(decoder_->ps, decoder_->nats_per_score_unit, kAlignSearch, pcm);
  const std::vector<Segment> free = decode(decoder_->ps, decoder_->nats_per_score_unit, kFreeSearch, pcm);
  const int frames = std::max(frame_count, static_cast<int>(ps_get_n_frames(decoder_->ps)));
  if (forced.empty() || !build_alignment(forced, words, sentence_first_word, result)) return false;
  assess_match(result, frame_track(forced, frames, forced_silence),
               frame_track(free, frames, free_silence), loud_frames(pcm, frames), options_.match);
  return true;
}

}  // namespace echoes::align
