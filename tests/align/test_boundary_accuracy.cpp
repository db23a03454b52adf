// Phone boundary accuracy against flite's kal16 voice, whose true phone times are known.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <flite/flite.h>
cst_voice* register_cmu_us_kal16(const char* voxdir);
}

#include "align/aligner.h"
#include "align/pronunciation.h"
#include "align/transcript.h"
#include "speech_files.h"
#include "support/test_data.h"

namespace echoes::align {
namespace {

struct TruePhone {
  std::string phone;  // ARPAbet
  std::string word;   // flite's word ("" for pauses)
  double start_s = 0.0;
  double end_s = 0.0;
};

struct Synthesis {
  audio::Audio audio;
  std::vector<TruePhone> phones;
};

// kal16 is a diphone voice: deterministic, 16 kHz, phone times from its Segment relation.
Synthesis synthesize(const std::string& text) {
  static cst_voice* voice = [] {
    flite_init();
    return register_cmu_us_kal16(nullptr);
  }();
  cst_utterance* utt = flite_synth_text(text.c_str(), voice);
  Synthesis out;
  const cst_wave* wave = utt_wave(utt);
  out.audio.rate_hz = cst_wave_sample_rate(wave);
  for (int i = 0; i < cst_wave_num_samples(wave); ++i) out.audio.samples.push_back(wave->samples[i] / 32768.0f);
  double start_s = 0.0;
  for (cst_item* s = relation_head(utt_relation(utt, "Segment")); s; s = item_next(s)) {
    const double end_s = item_feat_float(s, "end");
    const std::string name = item_feat_string(s, "name");
    const std::string phone = arpabet_from_flite(name);
    out.phones.push_back({phone.empty() ? "SIL" : phone,
                          phone.empty() ? "" : ffeature_string(s, "R:SylStructure.parent.parent.name"),
                          start_s, end_s});
    start_s = end_s;
  }
  delete_utterance(utt);
  return out;
}

// Words of the synthesis in order, each with its phones.
std::vector<std::vector<TruePhone>> group_by_word(const std::vector<TruePhone>& phones) {
  std::vector<std::vector<TruePhone>> words;
  std::string current;
  for (const TruePhone& p : phones) {
    if (p.word.empty()) {
      current.clear();
      continue;
    }
    if (words.empty() || p.word != current || p.phone == "SIL") words.emplace_back();
    // A new word starts when flite's word item changes; consecutive equal words are rare
    // in the test sentences and would only merge two words (then skipped as unequal).
    current = p.word;
    words.back().push_back(p);
  }
  return words;
}

struct BoundaryErrors {
  std::vector<double> errors_s;  // |aligned - true| for each phone boundary compared
  int sentences_used = 0;
  int words_compared = 0;
};

void compare(const Synthesis& truth, const Alignment& alignment, BoundaryErrors& errors) {
  const auto true_words = group_by_word(truth.phones);
  if (true_words.size() != alignment.words.size()) return;
  ++errors.sentences_used;
  for (std::size_t w = 0; w < true_words.size(); ++w) {
    const AlignedWord& aligned = alignment.words[w];
    const auto& truth_phones = true_words[w];
    if (static_cast<int>(truth_phones.size()) != aligned.phone_count) continue;
    bool same = true;
    for (int i = 0; i < aligned.phone_count; ++i) {
      same = same && alignment.phones[aligned.first_phone + i].phone == truth_phones[i].phone;
    }
    if (!same) continue;  // cmudict and flite disagree on this word: no reference
    ++errors.words_compared;
    for (int i = 0; i < aligned.phone_count; ++i) {
      const AlignedPhone& phone = alignment.phones[aligned.first_phone + i];
      if (i == 0) errors.errors_s.push_back(std::fabs(phone.start_s - truth_phones[i].start_s));
      errors.errors_s.push_back(std::fabs(phone.end_s - truth_phones[i].end_s));
    }
  }
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * (v.size() - 1))];
}

TEST(BoundaryAccuracy, FliteKal16PhoneBoundariesWithinTensOfMilliseconds) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto corpus = corpus::read_corpus(echoes::testing::speech_dir() / "kathleen");
  ForcedAligner aligner;
  BoundaryErrors errors;
  int matched = 0;
  const int sentences = 60;
  for (int i = 0; i < sentences; ++i) {
    const Synthesis synthesis = synthesize(corpus[static_cast<std::size_t>(i) * 9].text);
    const Alignment alignment = aligner.align(synthesis.audio, corpus[static_cast<std::size_t>(i) * 9].text);
    matched += alignment.matches ? 1 : 0;
    compare(synthesis, alignment, errors);
  }
  ASSERT_GT(errors.errors_s.size(), 500u);
  const double mean = std::accumulate(errors.errors_s.begin(), errors.errors_s.end(), 0.0) / errors.errors_s.size();
  const double median = quantile(errors.errors_s, 0.5);
  const double p90 = quantile(errors.errors_s, 0.9);
  const double within_20ms =
      static_cast<double>(std::count_if(errors.errors_s.begin(), errors.errors_s.end(),
                                        [](double e) { return e <= 0.020 + 1e-9; })) / errors.errors_s.size();
  std::printf("kal16: %d/%d sentences compared, %d words, %zu boundaries: mean %.1f ms, median %.1f ms, "
              "p90 %.1f ms, within 20 ms %.1f%%; %d/%d judged matching\n",
              errors.sentences_used, sentences, errors.words_compared, errors.errors_s.size(), 1000 * mean,
              1000 * median, 1000 * p90, 100 * within_20ms, matched, sentences);
  EXPECT_LT(median, 0.025);
  EXPECT_LT(mean, 0.040);
  EXPECT_EQ(matched, sentences);
}

}  // namespace
}  // namespace echoes::align
