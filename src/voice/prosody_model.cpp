#include "voice/prosody_model.h"

#include <algorithm>
#include <cmath>

namespace echoes::voice {
namespace {

float percentile(std::vector<float> values, double fraction) {
  if (values.empty()) return 0.0f;
  const auto k = static_cast<std::size_t>(std::clamp(fraction, 0.0, 1.0) * double(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + k, values.end());
  return values[k];
}

}  // namespace

void ProsodyAccumulator::add_f0(double f0_hz) {
  if (f0_hz > 0.0) log_f0_.push_back(static_cast<float>(std::log(f0_hz)));
}

void ProsodyAccumulator::add_phone(PhoneId phone, double duration_s, double flite_duration_s) {
  ++phones_;
  if (flite_duration_s <= 0.0) return;
  const auto cls = static_cast<int>(phone_class(phone));
  measured_s_[cls] += duration_s;
  predicted_s_[cls] += flite_duration_s;
}

void ProsodyAccumulator::add_pause(double duration_s) { pauses_s_.push_back(float(duration_s)); }

void ProsodyAccumulator::add_vowels(const std::vector<VowelPitch>& vowels) {
  vowels_.insert(vowels_.end(), vowels.begin(), vowels.end());
}

void ProsodyAccumulator::add_speech_time(double duration_s) { speech_s_ += duration_s; }

ProsodyModel ProsodyAccumulator::finish(double speech_level_dbfs) const {
  ProsodyModel model;
  model.speech_level_dbfs = static_cast<float>(speech_level_dbfs);
  if (log_f0_.size() >= 20) {
    double sum = 0.0, sum2 = 0.0;
    for (float v : log_f0_) { sum += v; sum2 += double(v) * v; }
    const double mean = sum / log_f0_.size();
    model.mean_log_f0 = float(mean);
    model.sd_log_f0 = float(std::sqrt(std::max(0.0, sum2 / log_f0_.size() - mean * mean)));
    model.f0_low_hz = std::exp(percentile(log_f0_, 0.05));
    model.f0_high_hz = std::exp(percentile(log_f0_, 0.95));
    fit_intonation(vowels_, model);
  }
  for (int c = 0; c < kPhoneClassCount; ++c) {
    // Ratios far from 1 would mean a broken alignment, not a speaking style.
    if (predicted_s_[c] > 0.5) model.duration_ratio[c] = float(std::clamp(measured_s_[c] / predicted_s_[c], 0.5, 2.0));
  }
  if (pauses_s_.size() >= 3) model.phrase_pause_s = std::clamp(percentile(pauses_s_, 0.5), 0.1f, 0.8f);
  if (speech_s_ > 1.0) model.phones_per_s = float(phones_ / speech_s_);
  return model;
}

}  // namespace echoes::voice
