#include "eval/flite_voices.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "common/error.h"

extern "C" {
#include <flite/flite.h>
cst_voice* register_cmu_us_kal16(const char* voxdir);
cst_voice* register_cmu_us_slt(const char* voxdir);
cst_voice* register_cmu_us_rms(const char* voxdir);
cst_voice* register_cmu_us_awb(const char* voxdir);
}

namespace echoes::eval {
namespace {

std::mutex& flite_mutex() {
  static std::mutex m;
  return m;
}

// Voices are registered on first use and intentionally never freed (flite keeps globals).
cst_voice* voice_named(std::string_view name) {
  static std::map<std::string, cst_voice*, std::less<>> loaded;
  static const bool initialised = [] {
    flite_init();
    return true;
  }();
  (void)initialised;
  if (auto it = loaded.find(name); it != loaded.end()) return it->second;
  cst_voice* v = nullptr;
  if (name == "kal16") v = register_cmu_us_kal16(nullptr);
  else if (name == "slt") v = register_cmu_us_slt(nullptr);
  else if (name == "rms") v = register_cmu_us_rms(nullptr);
  else if (name == "awb") v = register_cmu_us_awb(nullptr);
  if (!v) throw Error(error_code::kInvalidArgument, "There is no flite voice called \"" + std::string(name) + "\".");
  loaded.emplace(std::string(name), v);
  return v;
}

bool has_word_char(std::string_view text) {
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

}  // namespace

const std::vector<std::string>& flite_voice_names() {
  static const std::vector<std::string> names{"kal16", "slt", "rms", "awb"};
  return names;
}

audio::Audio flite_speak(std::string_view voice, std::string_view text) {
  if (!has_word_char(text)) throw Error(error_code::kInvalidArgument, "There is no text to speak.");
  std::lock_guard<std::mutex> lock(flite_mutex());
  cst_voice* v = voice_named(voice);
  const std::string owned(text);
  cst_wave* wave = flite_text_to_wave(owned.c_str(), v);
  if (!wave) throw Error(error_code::kInternal, "flite could not speak the text.");
  audio::Audio out;
  out.rate_hz = cst_wave_sample_rate(wave);
  const int channels = std::max(cst_wave_num_channels(wave), 1);
  const int frames = cst_wave_num_samples(wave);
  out.samples.resize(frames);
  for (int i = 0; i < frames; ++i) out.samples[i] = cst_wave_samples(wave)[i * channels] / 32768.0f;
  delete_wave(wave);
  return out;
}

}  // namespace echoes::eval
