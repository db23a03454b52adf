#include "text/flite_speech.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "common/error.h"
#include "text/flite_runtime.h"

extern "C" {
#include <flite/flite.h>
}

namespace echoes::text {
namespace {

bool has_word_char(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

/// Sets the prosody on the utterance, not the voice: the voice object is shared
/// (flite_runtime.h; FliteFrontEnd uses the same kal16), and utterance features are looked
/// up before the voice's.
void set_prosody(cst_utterance* u, const FliteProsody& prosody) {
  const auto set = [&](const char* name, double value) {
    if (value > 0.0) feat_set_float(u->features, name, float(value));
  };
  set("int_f0_target_mean", prosody.f0_mean_hz);
  set("int_f0_target_stddev", prosody.f0_stddev_hz);
  set("duration_stretch", prosody.duration_stretch);
}

struct UttDeleter {
  void operator()(cst_utterance* u) const { delete_utterance(u); }
};

audio::Audio wave_of(cst_utterance* u) {
  const cst_wave* wave = utt_wave(u);
  if (!wave) throw Error(error_code::kInternal, "flite could not speak the text.");
  audio::Audio out;
  out.rate_hz = cst_wave_sample_rate(wave);
  const int channels = std::max(cst_wave_num_channels(wave), 1);
  const int frames = cst_wave_num_samples(wave);
  out.samples.resize(std::size_t(std::max(frames, 0)));
  for (int i = 0; i < frames; ++i) out.samples[std::size_t(i)] = cst_wave_samples(wave)[i * channels] / 32768.0f;
  return out;
}

/// flite's Segment relation as time spans, clipped to the audio (flite's last pause may
/// run past the samples it made).
std::vector<FliteSegment> segments_of(cst_utterance* u, double duration_s) {
  std::unordered_map<const void*, int> word_index;
  for (cst_item* w = relation_head(utt_relation(u, "Word")); w; w = item_next(w)) {
    word_index.emplace(w->contents, int(word_index.size()));
  }
  std::vector<FliteSegment> out;
  double start_s = 0.0;
  for (cst_item* s = relation_head(utt_relation(u, "Segment")); s; s = item_next(s)) {
    FliteSegment seg;
    seg.phone = item_feat_string(s, "name");
    seg.start_s = std::min(start_s, duration_s);
    seg.end_s = std::clamp(double(item_feat_float(s, "end")), seg.start_s, duration_s);
    start_s = std::max(start_s, double(item_feat_float(s, "end")));
    if (const SegmentPlace place = segment_place(s); place.word) {
      const auto it = word_index.find(place.word->contents);
      seg.word_index = it != word_index.end() ? it->second : -1;
      seg.stress = item_feat_int(place.syllable, "stress") > 0 ? 1 : 0;
      seg.syllable_start = item_prev(place.in_syllable) == nullptr;
    }
    out.push_back(std::move(seg));
  }
  return out;
}

}  // namespace

const std::vector<std::string>& flite_voice_names() {
  static const std::vector<std::string> names{"kal16", "slt", "rms", "awb"};
  return names;
}

FliteSpeech flite_speak(std::string_view voice, std::string_view text, const FliteProsody& prosody) {
  if (!has_word_char(text)) throw Error(error_code::kInvalidArgument, "There is no text to speak.");
  std::lock_guard<std::mutex> lock(flite_mutex());
  cst_voice* v = flite_voice(voice);
  const std::string owned(text);
  std::unique_ptr<cst_utterance, UttDeleter> utt(new_utterance());
  utt_set_input_text(utt.get(), owned.c_str());
  if (utt_init(utt.get(), v) == nullptr) throw Error(error_code::kInternal, "flite could not speak the text.");
  set_prosody(utt.get(), prosody);
  if (utt_synth(utt.get()) == nullptr) throw Error(error_code::kInternal, "flite could not speak the text.");
  FliteSpeech out;
  out.audio = wave_of(utt.get());
  out.segments = segments_of(utt.get(), out.audio.duration_s());
  return out;
}

}  // namespace echoes::text
