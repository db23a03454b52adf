#include "voice/voice_model.h"

#include <algorithm>
#include <cmath>

namespace echoes::voice {

std::size_t VoiceModel::memory_bytes() const {
  std::size_t bytes = sizeof(VoiceModel) + name.size();
  bytes += utterances.capacity() * sizeof(UtteranceSpan) + units.capacity() * sizeof(Unit);
  bytes += marks.capacity() * sizeof(std::int32_t) + mark_voiced.capacity();
  bytes += samples.heap_bytes();
  for (const auto& list : units_by_phone) bytes += list.capacity() * sizeof(std::uint32_t);
  bytes += unit_voiced_percent.capacity();
  return bytes;
}

namespace {

/// Share of [start, end) covered by intervals between consecutive voiced marks at most
/// 20 ms apart (one glottal cycle), percent.
std::uint8_t voiced_percent(const VoiceModel& voice, std::int32_t start, std::int32_t end) {
  if (end <= start || voice.marks.empty()) return 0;
  const std::int32_t max_cycle = std::int32_t(0.020 * voice.rate_hz);
  auto m = std::upper_bound(voice.marks.begin(), voice.marks.end(), start);
  if (m != voice.marks.begin()) --m;
  std::int64_t covered = 0;
  for (auto k = std::size_t(m - voice.marks.begin()); k + 1 < voice.marks.size() && voice.marks[k] < end; ++k) {
    const std::int32_t a = voice.marks[k], b = voice.marks[k + 1];
    if (!voice.mark_voiced[k] || !voice.mark_voiced[k + 1] || b - a > max_cycle) continue;
    covered += std::max(0, std::min(b, end) - std::max(a, start));
  }
  return std::uint8_t(std::lround(100.0 * double(covered) / double(end - start)));
}

}  // namespace

void index_units(VoiceModel& voice) {
  voice.unit_voiced_percent.resize(voice.units.size());
  for (std::size_t i = 0; i < voice.units.size(); ++i) {
    voice.unit_voiced_percent[i] = voiced_percent(voice, voice.units[i].start_sample, voice.units[i].end_sample);
  }
  for (auto& list : voice.units_by_phone) list.clear();
  for (std::size_t i = 0; i < voice.units.size(); ++i) {
    const Unit& u = voice.units[i];
    if (u.phone == kPause || u.phone >= kPhoneCount || u.half > 1) continue;
    voice.units_by_phone[u.phone * 2 + u.half].push_back(static_cast<std::uint32_t>(i));
  }
}

}  // namespace echoes::voice
