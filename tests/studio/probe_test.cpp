#include <gtest/gtest.h>
#include <cstdio>
#include "align/aligner.h"
#include "eval/flite_voices.h"
#include "studio/consent_match.h"
namespace echoes {
TEST(Probe, Parts) {
  align::ForcedAligner aligner;
  const auto st = studio::make_consent_statement("Ann Lee", {2026, 11, 25});
  const char* said[] = {st.text.c_str(),
    "I, Bob Stone, agree that Echoes may create a synthetic copy of my voice on November twenty-fifth, twenty twenty-six.",
    "I, Ann Lee, agree that Echoes may create a synthetic copy of my voice on November twenty-fifth, twenty twenty-five.",
    "I, Ann Lee, agree that Echoes may create a synthetic copy of my voice on November twenty-fourth, twenty twenty-six.",
    "I, Ann Lee, agree that Echoes may create a synthetic copy of my voice on October twenty-fifth, twenty twenty-six.",
    "I, Ann Lee, agree that Echoes may create a synthetic copy of my voice on November fifth, twenty twenty-six.",
    "I, Ann Smith, agree that Echoes may create a synthetic copy of my voice on November twenty-fifth, twenty twenty-six."};
  for (const char* voice : {"slt", "kal16", "rms", "awb"}) {
    for (const char* s : said) {
      const auto a = aligner.align(eval::flite_speak(voice, s), st.text);
      const auto c = studio::check_statement(a, st);
      std::printf("%-5s %-60.60s heard %d |", voice, s + 3, c.heard);
      for (const auto& p : st.parts) {
        double worst = 0; for (size_t i = p.first_word; i < p.first_word + p.word_count && i < a.words.size(); ++i) worst = std::min(worst, a.words[i].match_per_frame);
        double mean = 0; for (auto& q : c.parts) if (q.what == p.what) mean = q.match_score;
        std::printf(" %s %.2f/%.2f", p.what.c_str(), mean, worst);
      }
      std::printf("\n");
    }
  }
}
}
