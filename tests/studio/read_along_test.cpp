// The read-along check on real speech (Kathleen's prompts joined into a passage): a take
// that reads everything is complete; a take cut to 10% is incomplete with the right count.
// Needs the shared speech data (fails without it under CI=true).
#include <cstdio>
#include <cstdlib>

#include <gtest/gtest.h>

#include "align/aligner.h"
#include "studio/read_along.h"
#include "support/read_along_takes.h"
#include "support/test_data.h"

namespace echoes::studio {
namespace {

using echoes::testing::ReadingPassage;
using echoes::testing::ReadingTake;

class ReadAlongTest : public ::testing::Test {
 protected:
  ReadAlongCheck check(const ReadingPassage& passage, const ReadingTake& take) {
    const std::vector<std::string> sentences = reading_sentences(passage.text());
    EXPECT_EQ(sentences.size(), passage.sentences.size());
    const auto alignment = aligner_.align_sentences(take.audio, sentences);
    const auto result = check_read_along(alignment, sentences, take.audio.duration_s());
    if (std::getenv("ECHOES_DEBUG_READ_ALONG")) {
      for (std::size_t i = 0; i < result.sentences.size(); ++i) {
        const auto& s = result.sentences[i];
        std::printf("%zu %s expected=%d %.2f-%.2f match %.2f\n", i, s.status.c_str(), int(take.read[i]), s.start_s, s.end_s, s.match_score);
      }
      std::printf("audio %.2f s, %zu words, %zu phones, reason: %s\n", take.audio.duration_s(), alignment.words.size(), alignment.phones.size(), alignment.reason.c_str());
      for (const auto& w : alignment.words) std::printf("  %s s%d %.2f-%.2f %.2f\n", w.word.c_str(), w.sentence_index, w.start_s, w.end_s, w.match_per_frame);
    }
    return result;
  }
  align::ForcedAligner aligner_{read_along_aligner_options()};
};

TEST_F(ReadAlongTest, CompleteTakeIsComplete) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const ReadingPassage passage = echoes::testing::reading_passage("kathleen", 20, 15);
  const ReadingTake take = echoes::testing::complete_take(passage);
  const ReadAlongCheck result = check(passage, take);
  EXPECT_TRUE(result.complete) << read_along_message(result);
  EXPECT_GE(result.sentences_read, 14) << read_along_message(result);
  EXPECT_NEAR(result.read_duration_s, take.audio.duration_s(), take.audio.duration_s() * 0.2);
}

TEST_F(ReadAlongTest, TakeCutToTenPercentIsIncompleteWithTheRightCount) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const ReadingPassage passage = echoes::testing::reading_passage("kathleen", 20, 15);
  const ReadingTake take = echoes::testing::cut_take(passage, 0.10);
  const ReadAlongCheck result = check(passage, take);
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(result.sentences_read, take.sentences_read());
  EXPECT_EQ(read_along_message(result), "Incomplete \u2014 " + std::to_string(take.sentences_read()) + " of 15 sentences read.");
  EXPECT_LT(result.read_duration_s, take.audio.duration_s() + 0.01);
}

TEST_F(ReadAlongTest, DroppedSentencesAreNotRead) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const ReadingPassage passage = echoes::testing::reading_passage("kathleen", 60, 10);
  const ReadingTake take = echoes::testing::dropped_take(passage, {2, 3, 4, 5, 6});
  const ReadAlongCheck result = check(passage, take);
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(result.sentences_read, 5);
  for (int i : {2, 3, 4, 5, 6}) EXPECT_NE(result.sentences[i].status, "read") << i;
}

TEST(ReadAlongJson, RoundTrips) {
  ReadAlongCheck check;
  check.checked = true;
  check.sentences = {{"One.", "read", 0.1, 1.0, -0.5}, {"Two.", "skipped", 0, 0, 0}};
  check.sentences_read = 1;
  check.complete = false;
  check.runs = {{"One.", 0.0, 1.15}};
  check.read_duration_s = 1.15;
  const nlohmann::json json = read_along_to_json(check);
  EXPECT_EQ(json["message"], "Incomplete \u2014 1 of 2 sentences read.");
  const ReadAlongCheck back = read_along_from_json(json);
  EXPECT_TRUE(back.checked);
  EXPECT_FALSE(back.complete);
  EXPECT_EQ(back.sentences.size(), 2u);
  EXPECT_EQ(back.sentences[1].status, "skipped");
  EXPECT_EQ(back.runs.size(), 1u);
  EXPECT_FALSE(read_along_from_json(nlohmann::json::object()).checked);
}

}  // namespace
}  // namespace echoes::studio

namespace echoes::studio {
namespace {

TEST_F(ReadAlongTest, AnotherSentenceReadInPlaceOfOneIsNotRead) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const ReadingPassage passage = echoes::testing::reading_passage("kathleen", 100, 10);
  const ReadingPassage other = echoes::testing::reading_passage("kathleen", 120, 10);
  const ReadingTake take = echoes::testing::swapped_take(passage, {2}, other);
  const ReadAlongCheck result = check(passage, take);
  EXPECT_NE(result.sentences[2].status, "read");
  EXPECT_EQ(result.sentences_read, 9) << read_along_message(result);
}

}  // namespace
}  // namespace echoes::studio
