// ChatService against the scripted model process: model replies, the fallback chain,
// streaming, voice per sentence (tone test double), history, and user isolation.
#include <gtest/gtest.h>

#include "chat/chat_service.h"
#include "chat/conversation_repository.h"
#include "chat/memory_repository.h"
#include "chat/persona_repository.h"
#include "chat_test_util.h"
#include "common/error.h"
#include "fake_voice.h"
#include "scripted_model/scripted_model_process.h"

namespace echoes::chat {
namespace {

using echoes::testing::ScriptedModel;
using echoes::testing::TwoUsers;

ChatRequest ask(std::string message, std::optional<std::string> conversation = std::nullopt, bool voice = false) {
  return ChatRequest{std::move(message), std::move(conversation), voice};
}

constexpr const char* kReply = "I remember the lake well. We rowed to the island every summer. Those were good days.";

class ChatServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_.set_reply(kReply);
    MemoryRepository(*t_.db).add(t_.ann.user.id, "The lake", "Every summer we rowed across the lake to the island.");
    MemoryRepository(*t_.db).add(t_.ann.user.id, "The mill", "I worked at the mill for thirty years.");
    PersonaRepository(*t_.db).put(t_.ann.user.id, "Ann", "warm and plain", "my grandchildren");
  }

  std::shared_ptr<llm::ChatClient> client(const std::string& behaviour) {
    llm::ClientOptions o;
    o.base_url = model_.base_url();
    o.model = behaviour;
    o.read_timeout_s = 2;
    o.retry.initial_delay_s = 0.01;
    return std::make_shared<llm::ChatClient>(o);
  }

  VoiceHooks voice() {
    return {[](const std::string&) { return std::optional<std::string>(); }, echoes::testing::tone_for_sentence};
  }

  ChatService service(const std::string& behaviour) { return ChatService(*t_.db, client(behaviour), voice()); }

  ScriptedModel model_;
  TwoUsers t_;
};

TEST_F(ChatServiceTest, ModelAnswersWithPersonaAndMemoriesInThePrompt) {
  auto chat = service("normal");
  const auto reply = chat.chat(t_.ann.user.id, ask("Tell me about the lake and the island"));
  EXPECT_EQ(reply.text, kReply);
  EXPECT_EQ(reply.fallback_level, 0);
  EXPECT_EQ(reply.text_model, "ok");
  ASSERT_EQ(reply.sources.size(), 1u);
  EXPECT_EQ(reply.sources[0].memory.title, "The lake");
  EXPECT_DOUBLE_EQ(reply.confidence, 0.85);  // 0.3 + 0.4*1 + 0.3*0.5
  const std::string prompt = model_.last_request();
  EXPECT_NE(prompt.find("You are Ann"), std::string::npos);
  EXPECT_NE(prompt.find("my grandchildren"), std::string::npos);
  EXPECT_NE(prompt.find("rowed across the lake"), std::string::npos);
  EXPECT_EQ(prompt.find("the mill"), std::string::npos);  // irrelevant memory left out
  EXPECT_EQ(reply.voice_unavailable_reason, "not_requested");
}

TEST_F(ChatServiceTest, FailingModelFallsBackToQuotedMemories) {
  auto chat = service("error:status=500");
  const auto reply = chat.chat(t_.ann.user.id, ask("Tell me about the lake and the island"));
  EXPECT_EQ(reply.fallback_level, 1);
  EXPECT_EQ(reply.text, std::string(kMemoryReplyLead) + "Every summer we rowed across the lake to the island.");
  EXPECT_EQ(reply.text_model, "http_error");
  EXPECT_DOUBLE_EQ(reply.confidence, 0.5);
  ASSERT_EQ(reply.sources.size(), 1u);
}

TEST_F(ChatServiceTest, NoMemoryMeansAnHonestNo) {
  auto chat = service("error:status=500");
  const auto reply = chat.chat(t_.ann.user.id, ask("What was your first car?"));
  EXPECT_EQ(reply.fallback_level, 2);
  EXPECT_EQ(reply.text, kNoMemoryReply);
  EXPECT_DOUBLE_EQ(reply.confidence, 0.0);
  EXPECT_TRUE(reply.sources.empty());
}

TEST_F(ChatServiceTest, NoModelConfigured) {
  ChatService chat(*t_.db, nullptr, voice());
  const auto reply = chat.chat(t_.ann.user.id, ask("Did you work at the mill?"));
  EXPECT_EQ(reply.fallback_level, 1);
  EXPECT_EQ(reply.text_model, "not_configured");
  EXPECT_EQ(chat.capabilities(t_.ann.user.id).text_model, "not_configured");
}

TEST_F(ChatServiceTest, OtherUsersMemoriesAreNeverUsed) {
  auto chat = service("error:status=500");
  const auto reply = chat.chat(t_.bob.user.id, ask("Tell me about the lake and the island"));
  EXPECT_EQ(reply.fallback_level, 2);
}

TEST_F(ChatServiceTest, StreamsTextAndVoicesEverySentenceInOrder) {
  auto chat = service("normal:tps=100");
  std::string streamed;
  std::vector<int> audio_order;
  std::vector<std::size_t> text_len_at_audio;
  ChatListener listener;
  listener.on_text = [&](std::string_view d) {
    streamed += d;
    return true;
  };
  listener.on_audio = [&](const SentenceAudio& a) {
    audio_order.push_back(a.index);
    text_len_at_audio.push_back(streamed.size());
    return true;
  };
  const auto reply = chat.chat(t_.ann.user.id, ask("How was the lake?", std::nullopt, true), &listener);
  EXPECT_EQ(streamed, kReply);
  EXPECT_EQ(audio_order, (std::vector<int>{0, 1, 2}));
  ASSERT_EQ(reply.voice.size(), 3u);
  EXPECT_EQ(reply.voice[0].text, "I remember the lake well.");
  EXPECT_EQ(reply.voice_unavailable_reason, "");
  // Voice runs alongside generation: the first sentence is voiced before the text is complete.
  EXPECT_LT(text_len_at_audio[0], std::string(kReply).size());
}

TEST_F(ChatServiceTest, VoiceNotReadyIsReportedNotFatal) {
  ChatService chat(*t_.db, client("normal"),
                   {[](const std::string&) { return std::optional<std::string>("no_voice"); },
                    echoes::testing::tone_for_sentence});
  const auto reply = chat.chat(t_.ann.user.id, ask("How was the lake?", std::nullopt, true));
  EXPECT_TRUE(reply.voice.empty());
  EXPECT_EQ(reply.voice_unavailable_reason, "no_voice");
  EXPECT_FALSE(chat.capabilities(t_.ann.user.id).voice_ready);
}

TEST_F(ChatServiceTest, SynthesisFailureStopsVoiceButNotText) {
  ChatService chat(*t_.db, client("normal"),
                   {[](const std::string&) { return std::optional<std::string>(); },
                    [](const std::string&, const std::string&) -> std::optional<audio::Audio> { return std::nullopt; }});
  const auto reply = chat.chat(t_.ann.user.id, ask("How was the lake?", std::nullopt, true));
  EXPECT_EQ(reply.text, kReply);
  EXPECT_TRUE(reply.voice.empty());
  EXPECT_EQ(reply.voice_unavailable_reason, "synthesis_failed");
}

TEST_F(ChatServiceTest, ModelCutMidStreamKeepsWhatWasSaid) {
  auto chat = service("disconnect:after=6");
  std::string streamed;
  ChatListener listener;
  listener.on_text = [&](std::string_view d) {
    streamed += d;
    return true;
  };
  const auto reply = chat.chat(t_.ann.user.id, ask("How was the lake?"), &listener);
  EXPECT_TRUE(reply.interrupted);
  EXPECT_EQ(reply.text, "I remember the lake well.");
  EXPECT_EQ(streamed, reply.text);
  EXPECT_EQ(reply.text_model, "interrupted");
  EXPECT_EQ(reply.fallback_level, 0);
}

TEST_F(ChatServiceTest, ListenerLeavingStopsTheModel) {
  auto chat = service("normal:tps=50");
  int deltas = 0;
  ChatListener listener;
  listener.on_text = [&](std::string_view) { return ++deltas < 3; };
  const auto reply = chat.chat(t_.ann.user.id, ask("How was the lake?"), &listener);
  EXPECT_TRUE(reply.interrupted);
  EXPECT_EQ(deltas, 3);
  EXPECT_EQ(reply.text, "I remember the");
}

TEST_F(ChatServiceTest, HistoryIsSentAndStored) {
  auto chat = service("normal");
  const auto first = chat.chat(t_.ann.user.id, ask("Hello gran"));
  const auto second = chat.chat(t_.ann.user.id, ask("And the lake?", first.conversation_id));
  EXPECT_EQ(second.conversation_id, first.conversation_id);
  EXPECT_NE(model_.last_request().find("Hello gran"), std::string::npos);
  const auto messages = ConversationRepository(*t_.db).messages(t_.ann.user.id, first.conversation_id);
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[3].role, message_role::kAssistant);
  EXPECT_EQ(messages[3].fallback_level, 0);
  ASSERT_TRUE(messages[3].confidence);
  // Bob cannot continue Ann's conversation.
  EXPECT_THROW(chat.chat(t_.bob.user.id, ask("Hi", first.conversation_id)), Error);
}

TEST_F(ChatServiceTest, BadMessagesAreRefused) {
  auto chat = service("normal");
  EXPECT_THROW(chat.chat(t_.ann.user.id, ask("   ")), Error);
  EXPECT_THROW(chat.chat(t_.ann.user.id, ask(std::string(5000, 'a'))), Error);
  EXPECT_EQ(model_.chat_requests(), 0);
}

TEST_F(ChatServiceTest, DeadModelOpensTheCircuitAndRepliesStayFast) {
  llm::ClientOptions o;
  o.base_url = model_.base_url();
  o.model = "error:status=503";
  o.retry.max_attempts = 2;
  o.retry.initial_delay_s = 0.01;
  o.breaker = {4, 60.0};
  ChatService chat(*t_.db, std::make_shared<llm::ChatClient>(o), voice());
  chat.chat(t_.ann.user.id, ask("lake?"));
  chat.chat(t_.ann.user.id, ask("lake?"));
  EXPECT_EQ(model_.chat_requests(), 4);
  const auto reply = chat.chat(t_.ann.user.id, ask("Tell me about the lake and the island"));
  EXPECT_EQ(reply.text_model, "circuit_open");
  EXPECT_EQ(reply.fallback_level, 1);
  EXPECT_EQ(model_.chat_requests(), 4);  // not called while open
  EXPECT_EQ(chat.capabilities(t_.ann.user.id).text_model, "circuit_open");
}

}  // namespace
}  // namespace echoes::chat
