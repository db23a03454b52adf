#include "voice/speech_level.h"

#include <algorithm>
#include <cmath>

#include "audio/frames.h"
#include "voice/phones.h"

namespace echoes::voice {
bool is_speech_phone(const align::AlignedPhone& p) {
  const PhoneId id = phone_id(p.phone);
  return id != kPause && id != kUnknownPhone;
}

bool trim_and_level(audio::Audio& audio, std::vector<align::AlignedPhone>& phones, double margin_s,
                    double level_dbfs) {
  double first_s = -1.0, last_s = 0.0, sum2 = 0.0;
  std::size_t speech_samples = 0;
  for (const auto& p : phones) {
    if (!is_speech_phone(p)) continue;
    if (first_s < 0) first_s = p.start_s;
    last_s = p.end_s;
    const auto a = std::min(audio.samples.size(), std::size_t(std::lround(p.start_s * audio.rate_hz)));
    const auto b = std::min(audio.samples.size(), std::size_t(std::lround(p.end_s * audio.rate_hz)));
    for (std::size_t i = a; i < b; ++i) sum2 += double(audio.samples[i]) * audio.samples[i];
    speech_samples += b - a;
  }
  if (first_s < 0 || speech_samples == 0) return false;
  const double keep_from_s = std::max(0.0, first_s - margin_s);
  const double keep_to_s = std::min(audio.duration_s(), last_s + margin_s);
  const auto a = std::size_t(std::lround(keep_from_s * audio.rate_hz));
  const auto b = std::max(a, std::min(audio.samples.size(), std::size_t(std::lround(keep_to_s * audio.rate_hz))));
  std::vector<float> kept(audio.samples.begin() + long(a), audio.samples.begin() + long(b));
  const double rms = std::sqrt(sum2 / double(speech_samples));
  const double peak = audio::peak_abs(kept);
  double gain = rms > 1e-6 ? audio::db_to_amplitude(level_dbfs) / rms : 1.0;
  if (peak * gain > 0.99) gain = 0.99 / std::max(peak, 1e-9);
  for (float& s : kept) s = float(s * gain);
  audio.samples = std::move(kept);
  const double shift_s = double(a) / audio.rate_hz;
  for (auto& p : phones) {
    p.start_s = std::max(0.0, p.start_s - shift_s);
    p.end_s = std::max(p.start_s, p.end_s - shift_s);
  }
  return true;
}

}  // namespace echoes::voice
