// Migration 2 and the AI Echo repositories: personas, memories (FTS5/BM25 on SQLite,
// tsvector/ts_rank on PostgreSQL), conversations and messages, always scoped to one user.
// Every test runs on both backends.
#include <gtest/gtest.h>

#include "chat/conversation_repository.h"
#include "chat/memory_repository.h"
#include "chat/persona_repository.h"
#include "chat/query_terms.h"
#include "chat_test_util.h"
#include "support/backends.h"
#include "common/error.h"

namespace echoes::chat {
namespace {

using echoes::testing::Backend;
using echoes::testing::TwoUsers;

class ChatStore : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    const std::string location = echoes::testing::fresh_database_location(GetParam(), dir);
    if (!location.empty()) users = std::make_unique<TwoUsers>(location);
  }
  echoes::testing::TempDir dir;
  std::unique_ptr<TwoUsers> users;
};
ECHOES_ON_BOTH_BACKENDS(ChatStore);

TEST_P(ChatStore, MigrationTwoIsApplied) {
  TwoUsers& t = *users;
  EXPECT_GE(t.db->schema_version(), 2);
}

TEST_P(ChatStore, PersonaPerUser) {
  TwoUsers& t = *users;
  PersonaRepository personas(*t.db);
  EXPECT_FALSE(personas.get(t.ann.user.id));
  personas.put(t.ann.user.id, "Ann", "warm", "my grandchildren");
  personas.put(t.ann.user.id, "Annie", "brisk", "my son");
  const auto ann = personas.get(t.ann.user.id);
  ASSERT_TRUE(ann);
  EXPECT_EQ(ann->name, "Annie");
  EXPECT_EQ(ann->audience, "my son");
  EXPECT_FALSE(personas.get(t.bob.user.id));
}

TEST_P(ChatStore, MemorySearchIsRankedAndScopedToTheUser) {
  TwoUsers& t = *users;
  MemoryRepository memories(*t.db);
  memories.add(t.ann.user.id, "The lake", "Every summer we rowed across the lake to the island.");
  memories.add(t.ann.user.id, "Work", "I worked at the mill for thirty years. The lake was far away then.");
  memories.add(t.ann.user.id, "Garden", "My roses won a prize at the village show.");
  memories.add(t.bob.user.id, "Bob's lake", "I fished on the lake with my brother.");
  const auto hits = memories.search(t.ann.user.id, fts_any_query({"lake", "island"}), 10);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].memory.title, "The lake");  // both terms beat one
  EXPECT_GE(hits[0].relevance, hits[1].relevance);
  for (const auto& hit : hits) EXPECT_EQ(hit.memory.user_id, t.ann.user.id);
  // Porter stemming: "rowing" finds "rowed".
  EXPECT_EQ(memories.search(t.ann.user.id, fts_any_query({"rowing"}), 10).size(), 1u);
  EXPECT_TRUE(memories.search(t.bob.user.id, fts_any_query({"roses"}), 10).empty());
  EXPECT_TRUE(memories.search(t.ann.user.id, "", 10).empty());
}

TEST_P(ChatStore, DeletedMemoryLeavesTheIndex) {
  TwoUsers& t = *users;
  MemoryRepository memories(*t.db);
  const auto m = memories.add(t.ann.user.id, "Lake", "We rowed on the lake.");
  EXPECT_FALSE(memories.remove(t.bob.user.id, m.id));  // not Bob's
  EXPECT_EQ(memories.search(t.ann.user.id, "\"lake\"", 5).size(), 1u);
  EXPECT_TRUE(memories.remove(t.ann.user.id, m.id));
  EXPECT_TRUE(memories.search(t.ann.user.id, "\"lake\"", 5).empty());
  EXPECT_EQ(memories.count(t.ann.user.id), 0);
}

TEST_P(ChatStore, MemoryValidation) {
  TwoUsers& t = *users;
  MemoryRepository memories(*t.db);
  EXPECT_THROW(memories.add(t.ann.user.id, "x", "   "), Error);
  EXPECT_THROW(memories.add(t.ann.user.id, "x", "text", "diary"), Error);
  memories.add(t.ann.user.id, "Passage", "text", memory_source::kPassage);
  EXPECT_TRUE(memories.exists(t.ann.user.id, memory_source::kPassage, "Passage"));
  EXPECT_FALSE(memories.exists(t.bob.user.id, memory_source::kPassage, "Passage"));
}

TEST_P(ChatStore, ConversationsAndMessagesPerUser) {
  TwoUsers& t = *users;
  ConversationRepository conversations(*t.db);
  const auto c = conversations.create(t.ann.user.id, "Hello");
  conversations.add_message({"", c.id, t.ann.user.id, message_role::kUser, "Hi", std::nullopt, "[]", std::nullopt});
  conversations.add_message({"", c.id, t.ann.user.id, message_role::kAssistant, "Hello love", 0.5, "[]", 0});
  conversations.add_message({"", c.id, t.ann.user.id, message_role::kUser, "How are you?", std::nullopt, "[]", std::nullopt});
  EXPECT_EQ(conversations.messages(t.ann.user.id, c.id).size(), 3u);
  const auto last_two = conversations.messages(t.ann.user.id, c.id, 2);
  ASSERT_EQ(last_two.size(), 2u);
  EXPECT_EQ(last_two[0].text, "Hello love");  // oldest first within the window
  EXPECT_EQ(last_two[0].fallback_level, 0);
  EXPECT_EQ(last_two[1].text, "How are you?");
  // Bob sees nothing of Ann's and cannot write into her conversation.
  EXPECT_FALSE(conversations.get(t.bob.user.id, c.id));
  EXPECT_TRUE(conversations.list(t.bob.user.id).empty());
  EXPECT_TRUE(conversations.messages(t.bob.user.id, c.id).empty());
  EXPECT_THROW(conversations.add_message({"", c.id, t.bob.user.id, message_role::kUser, "hijack", std::nullopt, "[]", std::nullopt}), Error);
  EXPECT_FALSE(conversations.remove(t.bob.user.id, c.id));
  EXPECT_TRUE(conversations.remove(t.ann.user.id, c.id));
  EXPECT_TRUE(conversations.messages(t.ann.user.id, c.id).empty());
}

}  // namespace
}  // namespace echoes::chat
