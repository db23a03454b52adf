#include "voice/unit_cutter.h"

#include <algorithm>
#include <cmath>

namespace echoes::voice {
namespace {

std::size_t frame_at(double t_s, double hop_s, std::size_t frames) {
  if (frames == 0) return 0;
  const auto f = static_cast<long>(std::lround(t_s / hop_s));
  return static_cast<std::size_t>(std::clamp<long>(f, 0, long(frames) - 1));
}

/// F0 near time t (the nearest voiced frame within +-2 frames), Hz; 0 when unvoiced.
double f0_near(const audio::PitchTrack& pitch, double t_s) {
  if (pitch.f0_hz.empty()) return 0.0;
  const std::size_t c = frame_at(t_s, pitch.hop_s, pitch.f0_hz.size());
  for (std::size_t d = 0; d <= 2; ++d) {
    if (c >= d && pitch.f0_hz[c - d] > 0) return pitch.f0_hz[c - d];
    if (c + d < pitch.f0_hz.size() && pitch.f0_hz[c + d] > 0) return pitch.f0_hz[c + d];
  }
  return 0.0;
}

/// Mean log F0 of the voiced frames in [a, b), 0 when none is voiced.
double mean_log_f0(const audio::PitchTrack& pitch, double a_s, double b_s) {
  if (pitch.f0_hz.empty()) return 0.0;
  const std::size_t first = frame_at(a_s, pitch.hop_s, pitch.f0_hz.size());
  const std::size_t last = frame_at(b_s, pitch.hop_s, pitch.f0_hz.size());
  double sum = 0.0;
  int count = 0;
  for (std::size_t f = first; f <= last; ++f) {
    if (pitch.f0_hz[f] > 0) { sum += std::log(pitch.f0_hz[f]); ++count; }
  }
  return count > 0 ? sum / count : 0.0;
}

std::array<float, kJoinDims> join_features(const AnalysedRecording& rec, double t_s) {
  std::array<float, kJoinDims> out{};
  if (rec.mfcc.frames > 0) {
    const auto frame = rec.mfcc.frame(frame_at(t_s, rec.mfcc.hop_s, rec.mfcc.frames));
    for (int k = 0; k < kJoinMfccDims && k + 1 < int(frame.size()); ++k) out[k] = frame[k + 1];
    out[kJoinEnergyIndex] = frame[0];
  }
  const double f0 = f0_near(rec.pitch, t_s);
  out[kJoinLogF0Index] = f0 > 0 ? float(std::log(f0)) : 0.0f;
  return out;
}

PhoneId neighbour(const std::vector<align::AlignedPhone>& phones, std::size_t i, int step) {
  const long j = long(i) + step;
  if (j < 0 || j >= long(phones.size())) return kPause;
  const PhoneId id = phone_id(phones[j].phone);
  return id == kUnknownPhone ? kPause : id;
}

std::uint8_t position_flags(const AnalysedRecording& rec, std::size_t i) {
  const auto& phones = rec.phones;
  const int word = phones[i].word_index;
  std::uint8_t flags = 0;
  if (i == 0 || phones[i - 1].word_index != word) flags |= unit_flags::kWordInitial;
  if (i + 1 >= phones.size() || phones[i + 1].word_index != word) flags |= unit_flags::kWordFinal;
  if (neighbour(phones, i, -1) == kPause) flags |= unit_flags::kPhraseInitial;
  if (neighbour(phones, i, +1) == kPause) flags |= unit_flags::kPhraseFinal;
  if (rec.labels[i].syllable_initial) flags |= unit_flags::kSyllableInitial;
  return flags;
}

}  // namespace

void append_recording(VoiceModel& voice, const AnalysedRecording& rec, std::vector<std::uint32_t>* unit_phones) {
  const auto base = static_cast<std::int32_t>(voice.samples.size());
  const int rate = rec.audio.rate_hz;
  const auto utterance_index = static_cast<std::int32_t>(voice.utterances.size());
  voice.utterances.push_back({base, static_cast<std::int32_t>(rec.audio.samples.size())});
  voice.samples.append(std::span<const float>(rec.audio.samples));
  for (std::size_t m = 0; m < rec.marks.samples.size(); ++m) {
    voice.marks.push_back(base + rec.marks.samples[m]);
    voice.mark_voiced.push_back(rec.marks.voiced[m]);
  }
  const auto n = static_cast<std::int32_t>(rec.audio.samples.size());
  for (std::size_t i = 0; i < rec.phones.size(); ++i) {
    const auto& p = rec.phones[i];
    const PhoneId id = phone_id(p.phone);
    if (id == kPause || id == kUnknownPhone) continue;
    if (!rec.usable.empty() && !rec.usable[i]) continue;
    const auto s0 = std::clamp<std::int32_t>(std::lround(p.start_s * rate), 0, n);
    const auto s2 = std::clamp<std::int32_t>(std::lround(p.end_s * rate), s0, n);
    const std::int32_t s1 = (s0 + s2) / 2;
    if (s1 <= s0 || s2 <= s1) continue;
    const double mid_s = double(s1) / rate;
    for (int half = 0; half < 2; ++half) {
      Unit u;
      u.phone = id;
      u.half = static_cast<std::uint8_t>(half);
      u.left = neighbour(rec.phones, i, -1);
      u.right = neighbour(rec.phones, i, +1);
      u.stress = static_cast<std::int8_t>(is_vowel_id(id) ? rec.labels[i].stress : 0);
      u.flags = position_flags(rec, i);
      u.utterance = utterance_index;
      const double a_s = half == 0 ? p.start_s : mid_s;
      const double b_s = half == 0 ? mid_s : p.end_s;
      u.start_sample = base + (half == 0 ? s0 : s1);
      u.end_sample = base + (half == 0 ? s1 : s2);
      u.phone_duration_s = float(p.end_s - p.start_s);
      u.log_f0 = float(mean_log_f0(rec.pitch, a_s, b_s));
      u.join_start = join_features(rec, a_s);
      u.join_end = join_features(rec, b_s);
      voice.units.push_back(u);
      if (unit_phones) unit_phones->push_back(std::uint32_t(i));
    }
  }
}

void scale_join_features(VoiceModel& voice) {
  constexpr int kScaled = kJoinMfccDims + 1;  // MFCCs and energy; log F0 keeps its units
  std::array<double, kScaled> sum{}, sum2{};
  double count = 0;
  for (const Unit& u : voice.units) {
    for (int k = 0; k < kScaled; ++k) {
      sum[k] += u.join_start[k] + u.join_end[k];
      sum2[k] += double(u.join_start[k]) * u.join_start[k] + double(u.join_end[k]) * u.join_end[k];
    }
    count += 2;
  }
  if (count < 2) return;
  std::array<float, kScaled> inv{};
  for (int k = 0; k < kScaled; ++k) {
    const double mean = sum[k] / count;
    const double sd = std::sqrt(std::max(1e-12, sum2[k] / count - mean * mean));
    inv[k] = float(1.0 / sd);
  }
  for (Unit& u : voice.units) {
    for (int k = 0; k < kScaled; ++k) {
      u.join_start[k] *= inv[k];
      u.join_end[k] *= inv[k];
    }
  }
}

}  // namespace echoes::voice
