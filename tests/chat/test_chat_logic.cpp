// Query terms, sentence streaming, fallback replies and the confidence formula.
#include <gtest/gtest.h>

#include "chat/confidence.h"
#include "chat/fallback.h"
#include "chat/query_terms.h"
#include "chat/sentence_stream.h"

namespace echoes::chat {
namespace {

TEST(QueryTerms, DropsStopwordsAndDuplicates) {
  EXPECT_EQ(content_terms("What did you do at the Lake? The lake, I mean!"),
            (std::vector<std::string>{"lake", "mean"}));
  EXPECT_EQ(fts_any_query({"lake", "mill"}), "\"lake\" OR \"mill\"");
  EXPECT_EQ(fts_any_query({}), "");
  // FTS5 syntax in a question is just words; each term is quoted in the query.
  EXPECT_EQ(content_terms("\" OR NEAR( * ) AND"), (std::vector<std::string>{"near"}));
}

TEST(QueryTerms, SharedTermsUseAShortStem) {
  EXPECT_EQ(shared_term_count({"garden", "roses"}, "I loved gardening and my roses."), 2);
  EXPECT_EQ(shared_term_count({"lake"}, "We went to the sea."), 0);
}

std::vector<std::string> stream_in_tokens(const std::string& text, std::vector<std::string>* completed_early) {
  SentenceStream stream;
  std::vector<std::string> all;
  for (std::size_t i = 0; i < text.size(); i += 3) {
    for (auto& s : stream.push(text.substr(i, 3))) {
      if (completed_early) completed_early->push_back(s);
      all.push_back(s);
    }
  }
  for (auto& s : stream.finish()) all.push_back(s);
  return all;
}

TEST(SentenceStream, ReleasesEachSentenceOnceTheNextBegins) {
  std::vector<std::string> early;
  const auto all = stream_in_tokens("We met Dr. Smith at 9 a.m. today. It rained! Did it? Yes", &early);
  EXPECT_EQ(all, (std::vector<std::string>{"We met Dr. Smith at 9 a.m. today.", "It rained!", "Did it?", "Yes"}));
  EXPECT_EQ(early.size(), 3u);  // "Yes" only at finish()
}

TEST(SentenceStream, FirstSentenceIsReadyWithTheFirstLetterOfTheSecond) {
  SentenceStream stream;
  EXPECT_TRUE(stream.push("I remember the lake.").empty());
  EXPECT_TRUE(stream.push(" ").empty());
  EXPECT_EQ(stream.push("We").size(), 1u);
}

Retrieval lake_retrieval(double coverage) {
  Retrieval r;
  r.terms = {"lake", "island"};
  r.coverage = coverage;
  Memory m;
  m.text = "I grew up in Leeds. Every summer we rowed across the lake to the island. Dad fished. Mum read.";
  r.hits.push_back({m, 1.0});
  return r;
}

TEST(Fallback, QuotesTheBestSentencesVerbatim) {
  const std::string reply = memory_grounded_reply(lake_retrieval(1.0));
  EXPECT_EQ(reply, std::string(kMemoryReplyLead) +
                       "I grew up in Leeds. Every summer we rowed across the lake to the island.");
}

TEST(Fallback, NothingWhenTheMemoriesDoNotCoverTheQuestion) {
  EXPECT_EQ(memory_grounded_reply(lake_retrieval(0.2)), "");
  EXPECT_EQ(memory_grounded_reply(Retrieval{}), "");
}

TEST(Confidence, DocumentedFormula) {
  EXPECT_DOUBLE_EQ(reply_confidence({0, 1.0, 1.0, false, false}), 1.0);
  EXPECT_DOUBLE_EQ(reply_confidence({0, 0.0, std::nullopt, false, false}), 0.45);  // 0.3 + 0.3*0.5
  EXPECT_DOUBLE_EQ(reply_confidence({0, 0.5, 0.8, true, false}), 0.59);           // (0.3+0.2+0.24)*0.8 = 0.592
  EXPECT_DOUBLE_EQ(reply_confidence({0, 1.0, 0.6, false, true}), 0.44);           // 0.88*0.5
  EXPECT_DOUBLE_EQ(reply_confidence({1, 0.5, std::nullopt, false, false}), 0.25);
  EXPECT_DOUBLE_EQ(reply_confidence({2, 1.0, 1.0, false, false}), 0.0);
}

}  // namespace
}  // namespace echoes::chat
