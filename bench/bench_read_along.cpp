// The read-along check (studio/read_along.h) on real speech: passages of 15 one-sentence
// prompts per speaker, takes that read everything, stop early, leave sentences out or read
// other sentences in their place (tests/support/read_along_takes.h). Reports the share of
// takes whose verdict (complete / incomplete) is right, the share with the exact count of
// sentences read, the share of sentences classified right (read / not read), and the time
// to check a ~50 s take. Results: docs/studio-read-along.md.
#include <cstdio>
#include <string>
#include <vector>

#include "align/aligner.h"
#include "bench.h"
#include "studio/read_along.h"
#include "support/read_along_takes.h"
#include "support/test_data.h"

namespace {

using namespace echoes;
using echoes::testing::ReadingPassage;
using echoes::testing::ReadingTake;

constexpr int kSentencesPerPassage = 15;
constexpr int kPassagesPerSpeaker = 4;

std::vector<ReadingTake> takes_of(const ReadingPassage& passage, const ReadingPassage& other) {
  using namespace echoes::testing;
  return {complete_take(passage),        cut_take(passage, 0.10),           cut_take(passage, 0.50),
          cut_take(passage, 0.90),       dropped_take(passage, {7}),        dropped_take(passage, {3, 4, 5, 6, 7}),
          swapped_take(passage, {2}, other), swapped_take(passage, {1, 4, 7, 10}, other)};
}

struct Tally {
  int takes = 0, verdict_right = 0, count_right = 0, sentences = 0, sentences_right = 0;
  double check_s = 0.0, audio_s = 0.0;
};

void score(const ReadingTake& take, const studio::ReadAlongCheck& check, Tally& tally) {
  const bool expect_complete = take.sentences_read() >= studio::kMinReadFraction * take.read.size();
  ++tally.takes;
  tally.verdict_right += check.complete == expect_complete ? 1 : 0;
  tally.count_right += check.sentences_read == take.sentences_read() ? 1 : 0;
  for (std::size_t i = 0; i < take.read.size() && i < check.sentences.size(); ++i) {
    ++tally.sentences;
    tally.sentences_right += (check.sentences[i].status == "read") == take.read[i] ? 1 : 0;
  }
  if (check.complete != expect_complete || check.sentences_read != take.sentences_read()) {
    std::printf("  miss: %s %s: expected %d read, got %d (%s)\n", "take", take.kind.c_str(),
                take.sentences_read(), check.sentences_read, studio::read_along_message(check).c_str());
  }
}

}  // namespace

ECHOES_BENCH("read_along") {
  if (!echoes::testing::speech_data_available()) {
    std::printf("read_along: shared speech data missing, skipped\n");
    return;
  }
  align::ForcedAligner aligner(studio::read_along_aligner_options());
  Tally tally;
  double complete_take_s = 0.0, complete_check_s = 0.0;
  for (const std::string speaker : {"kathleen", "bdl"}) {
    for (int p = 0; p < kPassagesPerSpeaker; ++p) {
      const int first = 100 + p * 40;
      const ReadingPassage passage = echoes::testing::reading_passage(speaker, first, kSentencesPerPassage);
      const ReadingPassage other = echoes::testing::reading_passage(speaker, first + 20, kSentencesPerPassage);
      const std::vector<std::string> sentences = studio::reading_sentences(passage.text());
      for (const ReadingTake& take : takes_of(passage, other)) {
        const double t0 = bench::now_s();
        const studio::ReadAlongCheck check = studio::check_read_along(
            aligner.align_sentences(take.audio, sentences), sentences, take.audio.duration_s());
        const double elapsed_s = bench::now_s() - t0;
        tally.check_s += elapsed_s;
        tally.audio_s += take.audio.duration_s();
        if (take.kind == "complete") {
          complete_take_s += take.audio.duration_s();
          complete_check_s += elapsed_s;
        }
        std::printf("  %s p%d %-12s %5.1f s audio: %s (expected %d) in %.2f s\n", speaker.c_str(), p,
                    take.kind.c_str(), take.audio.duration_s(), studio::read_along_message(check).c_str(),
                    take.sentences_read(), elapsed_s);
        score(take, check, tally);
      }
    }
  }
  bench::report("takes", tally.takes, "takes");
  bench::report("verdict right (complete / incomplete)", 100.0 * tally.verdict_right / tally.takes, "%");
  bench::report("exact count of sentences read", 100.0 * tally.count_right / tally.takes, "%");
  bench::report("sentences classified right (read / not read)", 100.0 * tally.sentences_right / tally.sentences, "%");
  bench::report("complete take, mean length", complete_take_s / (2 * kPassagesPerSpeaker), "s");
  bench::report("complete take, check time", complete_check_s / (2 * kPassagesPerSpeaker), "s");
  bench::report("speed over all takes", tally.audio_s / tally.check_s, "x real time");
  // For comparison: plain forced alignment of the same complete take to the whole text.
  const ReadingPassage passage = echoes::testing::reading_passage("kathleen", 100, kSentencesPerPassage);
  const ReadingTake take = echoes::testing::complete_take(passage);
  align::ForcedAligner plain;
  const double t0 = bench::now_s();
  (void)plain.align(take.audio, passage.text());
  bench::report("plain align() of a complete take (" + std::to_string(static_cast<int>(take.audio.duration_s())) + " s)",
                bench::now_s() - t0, "s");
}
