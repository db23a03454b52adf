#include "chat/prompt.h"

namespace echoes::chat {
namespace {

std::string system_text(const Persona& persona, const std::vector<MemoryHit>& memories, const PromptOptions& options) {
  const std::string who = persona.name.empty() ? "the person these memories belong to" : persona.name;
  std::string text = "You are " + who + ", speaking in the first person as yourself.";
  if (!persona.audience.empty()) text += " You are talking with " + persona.audience + ".";
  if (!persona.speaking_style.empty()) text += " How you speak: " + persona.speaking_style + ".";
  text +=
      " Answer warmly and briefly, in a few spoken sentences without lists or markup."
      " For facts about your life use only your memories below; if they do not cover the question,"
      " say honestly that you do not remember, and never invent names, places or events.";
  if (memories.empty()) return text + "\n\nYou have no memories about this question.";
  text += "\n\nYour memories:";
  for (const auto& hit : memories) {
    std::string body = hit.memory.text.substr(0, options.max_memory_chars);
    text += "\n- ";
    if (!hit.memory.title.empty()) text += hit.memory.title + ": ";
    text += body;
  }
  return text;
}

}  // namespace

std::vector<llm::ChatMessage> build_prompt(const Persona& persona, const std::vector<MemoryHit>& memories,
                                           const std::vector<Message>& history, const std::string& question,
                                           const PromptOptions& options) {
  std::vector<llm::ChatMessage> messages{{"system", system_text(persona, memories, options)}};
  for (const auto& message : history) {
    messages.push_back({message.role == message_role::kAssistant ? "assistant" : "user", message.text});
  }
  messages.push_back({"user", question});
  return messages;
}

}  // namespace echoes::chat
