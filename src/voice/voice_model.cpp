#include "voice/voice_model.h"

namespace echoes::voice {

std::size_t VoiceModel::memory_bytes() const {
  std::size_t bytes = sizeof(VoiceModel) + name.size();
  bytes += utterances.capacity() * sizeof(UtteranceSpan) + units.capacity() * sizeof(Unit);
  bytes += marks.capacity() * sizeof(std::int32_t) + mark_voiced.capacity();
  bytes += samples.heap_bytes();
  for (const auto& list : units_by_phone) bytes += list.capacity() * sizeof(std::uint32_t);
  return bytes;
}

void index_units(VoiceModel& voice) {
  for (auto& list : voice.units_by_phone) list.clear();
  for (std::size_t i = 0; i < voice.units.size(); ++i) {
    const Unit& u = voice.units[i];
    if (u.phone == kPause || u.phone >= kPhoneCount || u.half > 1) continue;
    voice.units_by_phone[u.phone * 2 + u.half].push_back(static_cast<std::uint32_t>(i));
  }
}

}  // namespace echoes::voice
