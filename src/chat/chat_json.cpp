#include "chat/chat_json.h"

#include <cmath>

#include "audio/encode.h"
#include "chat/base64.h"
#include "chat/sources_json.h"

namespace echoes::chat {
namespace {

using nlohmann::json;

double round_to(double value, double step) { return std::round(value / step) * step; }

const char* mode_name(int fallback_level) {
  return fallback_level == 0 ? "model" : fallback_level == 1 ? "memories" : "no_memory";
}

// One WAV of every sentence (sentences at another rate than the first are skipped:
// the engine speaks at one rate).
audio::Audio joined_audio(const std::vector<SentenceAudio>& sentences) {
  audio::Audio joined;
  joined.rate_hz = sentences.front().audio.rate_hz;
  for (const auto& sentence : sentences) {
    if (sentence.audio.rate_hz != joined.rate_hz) continue;
    joined.samples.insert(joined.samples.end(), sentence.audio.samples.begin(), sentence.audio.samples.end());
  }
  return joined;
}

json voice_json(const ChatReply& reply, bool embed_audio) {
  if (reply.voice.empty()) return nullptr;
  double duration_s = 0;
  for (const auto& sentence : reply.voice) duration_s += sentence.audio.duration_s();
  json voice = {{"format", "wav"},
                {"durationSec", round_to(duration_s, 0.001)},
                {"sentences", reply.voice.size()},
                {"firstAudioMs", std::round(reply.voice.front().ready_s * 1000.0)},
                {"latencyMs", std::round(reply.voice.back().ready_s * 1000.0)},
                {"audioUrl", nullptr}};
  if (embed_audio) {
    voice["audioUrl"] = "data:audio/wav;base64," + base64_encode(audio::encode_wav_pcm16(joined_audio(reply.voice)));
  }
  return voice;
}

}  // namespace

json memory_to_json(const Memory& memory) {
  return {{"id", memory.id},
          {"title", memory.title},
          {"text", memory.text},
          {"source", memory.source},
          {"createdAt", memory.created_at}};
}

json persona_to_json(const Persona& persona) {
  return {{"name", persona.name},
          {"speakingStyle", persona.speaking_style},
          {"audience", persona.audience},
          {"updatedAt", persona.updated_at > 0 ? json(persona.updated_at) : json(nullptr)}};
}

json conversation_to_json(const Conversation& conversation) {
  return {{"id", conversation.id},
          {"title", conversation.title},
          {"createdAt", conversation.created_at},
          {"updatedAt", conversation.updated_at}};
}

json message_to_json(const Message& message) {
  json sources = json::parse(message.sources_json, nullptr, false);
  return {{"id", message.id},
          {"role", message.role},
          {"text", message.text},
          {"confidence", message.confidence ? json(*message.confidence) : json(nullptr)},
          {"fallbackLevel", message.fallback_level ? json(*message.fallback_level) : json(nullptr)},
          {"sources", sources.is_array() ? sources : json::array()},
          {"createdAt", message.created_at}};
}

json capabilities_to_json(const Capabilities& capabilities) {
  return {{"voiceReady", capabilities.voice_ready},
          {"voiceReason", capabilities.voice_reason.empty() ? json(nullptr) : json(capabilities.voice_reason)},
          {"textModel", capabilities.text_model},
          {"memories", capabilities.memory_count},
          {"personaSet", capabilities.persona_set},
          {"streaming", true}};
}

json sentence_audio_to_json(const SentenceAudio& audio) {
  return {{"sentence", audio.index},
          {"text", audio.text},
          {"format", "wav"},
          {"sampleRateHz", audio.audio.rate_hz},
          {"durationSec", round_to(audio.audio.duration_s(), 0.001)},
          {"readyMs", std::round(audio.ready_s * 1000.0)},
          {"base64", base64_encode(audio::encode_wav_pcm16(audio.audio))}};
}

json reply_to_json(const ChatReply& reply, const Capabilities& capabilities, bool embed_audio) {
  const json voice = voice_json(reply, embed_audio);
  std::string reason = reply.voice_unavailable_reason;
  if (voice.is_null() && reason.empty()) reason = "no_sentences";
  return {{"conversationId", reply.conversation_id},
          {"messageId", reply.message_id},
          {"response", reply.text},
          {"mode", mode_name(reply.fallback_level)},
          {"fallbackLevel", reply.fallback_level},
          {"confidence", reply.confidence},
          {"sources", json::parse(sources_to_json_text(reply.sources))},
          {"textModel", reply.text_model},
          {"interrupted", reply.interrupted},
          {"voice", voice},
          {"voiceUnavailableReason", reason.empty() ? json(nullptr) : json(reason)},
          {"capabilities", capabilities_to_json(capabilities)}};
}

}  // namespace echoes::chat
