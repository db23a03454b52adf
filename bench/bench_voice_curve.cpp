// Intelligibility and smoothness of the voice against the amount of speech it is built from
// (issue 13; docs/voice-quality.md, "Quality against recording time"). For each native
// speaker (Kathleen, bdl: the same CMU ARCTIC prompts), voices are built from their first
// prompts up to 1, 2, 3, 5 and 10 minutes and speak held-out prompts; pocketsphinx WER and the
// smoothness measures (eval/smoothness.h) of the clips are set against the speaker's real
// recordings of the same prompts. A sentence of the build set is spoken too: it should come
// out close to its recording.
//
// Runs only when ECHOES_VOICE_CURVE=1 (about 10 minutes on 2 cores). Options:
//   ECHOES_VOICE_CURVE_SET=tune|confirm|wide
//                                        held-out prompts a0500..a0529 (tune, default),
//                                        a0560..a0593 (confirm) or a0300..a0399 (wide: 100
//                                        prompts, for WER differences the others cannot resolve)
//   ECHOES_VOICE_CURVE_MINUTES="1 2"     build sizes (default "1 2 3 5 10")
//   ECHOES_VOICE_CURVE_SPEAKERS="bdl"    speakers (default "kathleen bdl")
//   ECHOES_VOICE_CURVE_CACHE=DIR         keep built voices there and reuse them (render changes only)
//   ECHOES_VOICE_CURVE_OUT=DIR           write every clip as WAV for listening
//   ECHOES_VOICE_CURVE_RENDER="duration_strength=0 intonation_strength=0"
//                                        render options to try instead of the defaults
//   ECHOES_VOICE_CURVE_SELECT="join=2 phone_boundary_join=6"
//                                        unit-selection weights to try instead of the defaults
//   ECHOES_VOICE_CURVE_RAW=1             lay the chosen units end to end (2 ms cross-fades)
//                                        instead of rendering: what unit selection alone gives;
//                                        also reports where voiced runs break (at a join or not,
//                                        inside which phone class)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "audio/decode.h"
#include "audio/encode.h"
#include "bench.h"
#include "eval/recognizer.h"
#include "eval/smoothness.h"
#include "eval/spectral_distance.h"
#include "kathleen_set.h"
#include "synth/level.h"
#include "synth/render.h"
#include "synth/targets.h"
#include "synth/unit_selection.h"
#include "text/flite_front_end.h"
#include "voice/build.h"
#include "voice/phones.h"

namespace {

using namespace echoes;

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

/// A short voicing break: unvoiced frames [first, end) of at most 40 ms between voiced frames.
struct VoicingBreak {
  std::size_t first = 0, end = 0;
};

std::vector<VoicingBreak> voicing_breaks(const eval::PeriodicityTrack& t) {
  std::vector<VoicingBreak> out;
  for (std::size_t i = 1; i < t.voiced.size(); ++i) {
    if (!(t.voiced[i - 1] && !t.voiced[i])) continue;
    std::size_t j = i;
    while (j < t.voiced.size() && !t.voiced[j] && j - i < 4) ++j;
    if (j < t.voiced.size() && t.voiced[j]) out.push_back({i, j});
  }
  return out;
}

double speech_seconds(const eval::PeriodicityTrack& t) {
  return t.hop_s * double(std::count(t.speech.begin(), t.speech.end(), true));
}

/// Short voicing breaks per second of speech.
double short_breaks_per_s(const std::vector<audio::Audio>& clips) {
  std::size_t breaks = 0;
  double speech_s = 0.0;
  for (const auto& clip : clips) {
    const eval::PeriodicityTrack t = eval::track_periodicity(clip);
    speech_s += speech_seconds(t);
    breaks += voicing_breaks(t).size();
  }
  return speech_s > 0 ? double(breaks) / speech_s : 0.0;
}

struct Scored {
  double short_breaks_per_s = 0.0;
  eval::WordErrors errors;
  eval::Smoothness smoothness;
};

Scored score(const std::vector<audio::Audio>& clips, const std::vector<bench::Prompt>& prompts,
             eval::Recognizer& recognizer) {
  Scored out;
  for (std::size_t i = 0; i < clips.size(); ++i) out.errors += recognizer.word_errors(clips[i], prompts[i].text);
  out.smoothness = eval::measure_smoothness(clips);
  out.short_breaks_per_s = short_breaks_per_s(clips);
  return out;
}

void report_scored(const std::string& label, const Scored& s, const Scored* real) {
  bench::report(label + " WER", 100.0 * s.errors.rate(), "%");
  bench::report(label + " mean voiced run", 1000.0 * s.smoothness.mean_voiced_run_s, "ms");
  bench::report(label + " median periodicity", s.smoothness.median_periodicity, "");
  bench::report(label + " spectral jumps", s.smoothness.spectral_jumps_per_s, "per s");
  bench::report(label + " F0 jumps", s.smoothness.f0_jumps_per_s, "per voiced s");
  bench::report(label + " voiced runs", double(s.smoothness.voiced_runs) / std::max(1e-9, s.smoothness.speech_s), "per s");
  bench::report(label + " voiced share", s.smoothness.voiced_s / std::max(1e-9, s.smoothness.speech_s), "");
  bench::report(label + " short voicing breaks", s.short_breaks_per_s, "per s");
  if (!real) return;
  const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  bench::report(label + " WER / real", ratio(s.errors.rate(), real->errors.rate()), "x");
  bench::report(label + " continuity / real",
                ratio(s.smoothness.mean_voiced_run_s, real->smoothness.mean_voiced_run_s), "x");
  bench::report(label + " periodicity / real",
                ratio(s.smoothness.median_periodicity, real->smoothness.median_periodicity), "x");
}

voice::VoiceModel voice_of(const std::string& speaker, const std::vector<bench::Prompt>& prompts, double minutes,
                           double& built_s) {
  const std::string cache = env_or("ECHOES_VOICE_CURVE_CACHE", "");
  const std::filesystem::path cached =
      cache.empty() ? "" : std::filesystem::path(cache) / (speaker + "-" + std::to_string(int(minutes * 60)) + "s.voice");
  if (!cached.empty() && std::filesystem::exists(cached)) return voice::load_voice(cached);
  const double t0 = bench::now_s();
  voice::VoiceModel v = voice::build_voice(bench::speaker_build_set(speaker, prompts, minutes * 60.0), {});
  built_s = bench::now_s() - t0;
  if (!cached.empty()) {
    std::filesystem::create_directories(cached.parent_path());
    voice::save_voice(v, cached);
  }
  return v;
}

void write_clips(const std::string& name, const std::vector<audio::Audio>& clips,
                 const std::vector<bench::Prompt>& prompts) {
  const std::string out = env_or("ECHOES_VOICE_CURVE_OUT", "");
  if (out.empty()) return;
  const auto dir = std::filesystem::path(out) / name;
  std::filesystem::create_directories(dir);
  for (std::size_t i = 0; i < clips.size(); ++i) {
    const auto bytes = audio::encode_wav_pcm16(clips[i]);
    std::ofstream(dir / (prompts[i].id + ".wav"), std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  }
}

/// Sets the named fields from "name=value ..." in the environment variable `variable`.
void override_fields(const char* variable, const std::map<std::string, double*>& fields) {
  for (const std::string& item : words_of(env_or(variable, ""))) {
    const auto eq = item.find('=');
    const auto field = fields.find(item.substr(0, eq));
    if (eq == std::string::npos || field == fields.end()) throw std::runtime_error(std::string("unknown option ") + item);
    *field->second = std::stod(item.substr(eq + 1));
  }
}

/// The default unit-selection weights with any overrides from ECHOES_VOICE_CURVE_SELECT.
synth::SelectionOptions selection_options() {
  synth::SelectionOptions o;
  override_fields("ECHOES_VOICE_CURVE_SELECT",
                  {{"near_context", &o.near_context}, {"far_context", &o.far_context}, {"broken_voicing", &o.broken_voicing},
                   {"opposite_voicing_context", &o.opposite_voicing_context}, {"stress", &o.stress},
                   {"position", &o.position}, {"phrase_position", &o.phrase_position}, {"duration", &o.duration},
                   {"f0", &o.f0}, {"join", &o.join}, {"join_spectrum", &o.join_spectrum},
                   {"join_energy", &o.join_energy}, {"join_f0", &o.join_f0}, {"join_voicing", &o.join_voicing},
                   {"phone_boundary_join", &o.phone_boundary_join}});
  return o;
}

/// The default render options with any overrides from ECHOES_VOICE_CURVE_RENDER.
synth::RenderOptions render_options() {
  synth::RenderOptions o;
  override_fields("ECHOES_VOICE_CURVE_RENDER", {
      {"duration_strength", &o.duration_strength},       {"min_time_scale", &o.min_time_scale},
      {"max_time_scale", &o.max_time_scale},             {"intonation_strength", &o.intonation_strength},
      {"meaningful_intonation_strength", &o.meaningful_intonation_strength},
      {"f0_smoothing_s", &o.psola.f0_smoothing_s},       {"unchanged_log_f0", &o.psola.unchanged_log_f0},
      {"join_crossfade_s", &o.psola.join_crossfade_s}});
  return o;
}

/// The synthesizer's pipeline (synth/synthesizer.h) with the bench's render options; one
/// prompt is one sentence.
/// Joins between units that do not continue each other in a recording.
std::size_t count_joins(const voice::VoiceModel& v, const std::vector<synth::UnitChoice>& choices) {
  std::size_t joins = 0;
  for (std::size_t i = 1; i < choices.size(); ++i) {
    const auto a = choices[i - 1].unit, b = choices[i].unit;
    if (a == synth::UnitChoice::kNoUnit || b == synth::UnitChoice::kNoUnit) continue;
    if (v.units[b].start_sample != v.units[a].end_sample) ++joins;
  }
  return joins;
}

/// Where voiced stretches break in raw concatenations: a break is an unvoiced gap of at most
/// 40 ms between voiced frames; "at a join" when a join lies within 20 ms of the gap.
struct BreakCounts {
  std::size_t breaks = 0, at_join = 0, inside_voiced_phone = 0, at_join_inside_voiced_phone = 0;
  double speech_s = 0.0;
};

/// Output start (in samples) of each choice of a raw concatenation.
std::vector<std::size_t> raw_positions(const voice::VoiceModel& v, const std::vector<synth::Target>& targets,
                                       const std::vector<synth::UnitChoice>& choices) {
  std::vector<std::size_t> at;
  std::size_t pos = 0;
  for (const auto& c : choices) {
    at.push_back(pos);
    pos += c.unit == synth::UnitChoice::kNoUnit ? std::size_t(targets[std::size_t(c.target)].duration_s * v.rate_hz)
                                                : std::size_t(v.units[c.unit].end_sample - v.units[c.unit].start_sample);
  }
  return at;
}

void count_breaks(const voice::VoiceModel& v, const std::vector<synth::Target>& targets,
                  const std::vector<synth::UnitChoice>& choices, const audio::Audio& clip, BreakCounts& out) {
  const eval::PeriodicityTrack t = eval::track_periodicity(clip);
  const auto starts = raw_positions(v, targets, choices);
  const double hop = t.hop_s;
  out.speech_s += speech_seconds(t);
  const auto choice_at = [&](double time_s) {
    std::size_t k = 0;
    while (k + 1 < starts.size() && double(starts[k + 1]) / v.rate_hz <= time_s) ++k;
    return k;
  };
  for (const VoicingBreak& gap : voicing_breaks(t)) {
    ++out.breaks;
    // Frames are 40 ms long and start every hop: a join within 20 ms of the gap's frame centres.
    const double from_s = double(gap.first) * hop, to_s = double(gap.end) * hop + 0.04;
    bool join = false;
    for (std::size_t k = 1; k < choices.size(); ++k) {
      const double js = double(starts[k]) / v.rate_hz;
      const auto a = choices[k - 1].unit, b = choices[k].unit;
      if (js < from_s || js > to_s || a == synth::UnitChoice::kNoUnit || b == synth::UnitChoice::kNoUnit) continue;
      if (v.units[b].start_sample != v.units[a].end_sample) join = true;
    }
    const auto& c = choices[choice_at(double(gap.first) * hop + 0.02)];
    const bool son = c.unit != synth::UnitChoice::kNoUnit && voice::is_sonorant(v.units[c.unit].phone);
    out.at_join += join;
    out.inside_voiced_phone += son;
    out.at_join_inside_voiced_phone += join && son;
  }
}

/// The units' audio laid end to end with 2 ms cross-fades: what unit selection alone gives.
audio::Audio raw_concatenation(const voice::VoiceModel& v, const std::vector<synth::Target>& targets,
                               const std::vector<synth::UnitChoice>& choices) {
  const std::vector<std::int16_t> all = v.samples.read_all();
  audio::Audio out;
  out.rate_hz = v.rate_hz;
  const std::size_t fade = std::size_t(0.002 * v.rate_hz);
  for (const auto& c : choices) {
    if (c.unit == synth::UnitChoice::kNoUnit) {
      out.samples.resize(out.samples.size() + std::size_t(targets[std::size_t(c.target)].duration_s * v.rate_hz), 0.0f);
      continue;
    }
    const auto& u = v.units[c.unit];
    // The unit with `fade` samples of its recording on each side, faded in and out.
    const std::size_t at = out.samples.size() >= 2 * fade ? out.samples.size() - 2 * fade : 0;
    const long length = long(u.end_sample - u.start_sample);
    out.samples.resize(at + std::size_t(length + 2 * long(fade)), 0.0f);
    for (long k = -long(fade); k < length + long(fade); ++k) {
      const long src = u.start_sample + k;
      if (src < 0 || src >= long(all.size())) continue;
      const double w = k < 0 ? double(k + long(fade)) / double(fade) : k >= length ? double(length + long(fade) - k) / double(fade) : 1.0;
      out.samples[at + std::size_t(k + long(fade))] += float(w * all[std::size_t(src)] / 32768.0);
    }
  }
  return out;
}

std::vector<audio::Audio> speak(const voice::VoiceModel& v, const std::vector<bench::Prompt>& prompts,
                                const std::string& label) {
  static const text::FliteFrontEnd front_end;
  const synth::RenderOptions options = render_options();
  const synth::SelectionOptions selection = selection_options();
  std::vector<audio::Audio> clips;
  std::size_t joins = 0, slots = 0, sonorant_units = 0, weak_sonorant_units = 0;
  BreakCounts breaks;
  const bool raw = std::getenv("ECHOES_VOICE_CURVE_RAW") != nullptr;
  for (const auto& p : prompts) {
    auto targets = synth::make_targets(front_end.analyze(p.text), v.prosody);
    synth::apply_phone_backoff(targets, v);
    const auto choices = synth::select_units(v, targets, selection);
    joins += count_joins(v, choices);
    for (const auto& c : choices) {
      if (c.unit == synth::UnitChoice::kNoUnit) continue;
      ++slots;
      if (!voice::is_sonorant(v.units[c.unit].phone)) continue;
      ++sonorant_units;
      weak_sonorant_units += v.unit_voiced_percent[c.unit] < 80;
    }
    audio::Audio clip = raw ? raw_concatenation(v, targets, choices) : synth::render(v, targets, choices, options);
    if (raw) count_breaks(v, targets, choices, clip, breaks);
    synth::LevelOptions level;
    level.speech_level_dbfs = v.prosody.speech_level_dbfs;
    synth::normalize_speech_level(clip.samples, clip.rate_hz, level);
    clips.push_back(std::move(clip));
  }
  bench::report(label + " joins per half-phone", slots ? double(joins) / double(slots) : 0.0, "");
  bench::report(label + " sonorant units under 80% voiced", double(weak_sonorant_units) / std::max<double>(1, sonorant_units), "share");
  if (raw && breaks.speech_s > 0) {
    bench::report(label + " voiced breaks", double(breaks.breaks) / breaks.speech_s, "per s");
    bench::report(label + " breaks at a join", double(breaks.at_join) / std::max<double>(1, breaks.breaks), "share");
    bench::report(label + " breaks in a sonorant", double(breaks.inside_voiced_phone) / std::max<double>(1, breaks.breaks), "share");
    bench::report(label + " breaks at a join in a sonorant",
                  double(breaks.at_join_inside_voiced_phone) / std::max<double>(1, breaks.breaks), "share");
  }
  return clips;
}

std::vector<audio::Audio> recordings(const std::string& speaker, const std::vector<bench::Prompt>& prompts) {
  std::vector<audio::Audio> clips;
  for (const auto& p : prompts) clips.push_back(audio::decode_audio_file(bench::prompt_audio(speaker, p)).audio);
  return clips;
}

/// Sentences of the build set spoken by the voice: close to transparent is the goal.
void report_in_set(const std::string& speaker, const voice::VoiceModel& v, const std::vector<bench::Prompt>& prompts) {
  const std::vector<bench::Prompt> in_set(prompts.begin(), prompts.begin() + 8);
  const auto real = recordings(speaker, in_set);
  const auto clips = speak(v, in_set, speaker + " in-set sentences");
  write_clips(speaker + "-in-set", clips, in_set);
  const eval::Smoothness r = eval::measure_smoothness(real), c = eval::measure_smoothness(clips);
  double mcd = 0.0;
  for (std::size_t i = 0; i < clips.size(); ++i) mcd += eval::mel_cepstral_distortion(real[i], clips[i]).mcd_db;
  const std::string label = speaker + " in-set sentences";
  bench::report(label + " continuity / real", c.mean_voiced_run_s / r.mean_voiced_run_s, "x");
  bench::report(label + " periodicity / real", c.median_periodicity / r.median_periodicity, "x");
  bench::report(label + " spectral jumps / real", c.spectral_jumps_per_s / std::max(1e-9, r.spectral_jumps_per_s), "x");
  bench::report(label + " MCD", mcd / double(clips.size()), "dB");
}


}  // namespace

ECHOES_BENCH("voice curve") {
  if (env_or("ECHOES_VOICE_CURVE", "") != "1" || !echoes::testing::speech_data_available()) {
    std::printf("voice curve: skipped (takes about 10 minutes; set ECHOES_VOICE_CURVE=1, needs ../shared)\n");
    return;
  }
  const std::string set = env_or("ECHOES_VOICE_CURVE_SET", "tune");
  // Prompt index ranges; builds of up to 10 minutes use fewer than the first 250 prompts.
  const auto [first, last] = set == "confirm" ? std::pair{559, 593} : set == "wide" ? std::pair{299, 399}
                                                                                     : std::pair{499, 529};
  const auto minutes = words_of(env_or("ECHOES_VOICE_CURVE_MINUTES", "1 2 3 5 10"));
  eval::Recognizer recognizer;
  for (const std::string& speaker : words_of(env_or("ECHOES_VOICE_CURVE_SPEAKERS", "kathleen bdl"))) {
    const auto prompts = bench::speaker_prompts(speaker);
    const std::vector<bench::Prompt> held(prompts.begin() + first, prompts.begin() + last);
    const Scored real = score(recordings(speaker, held), held, recognizer);
    report_scored(speaker + " real", real, nullptr);
    for (const std::string& m : minutes) {
      double built_s = 0.0;
      const voice::VoiceModel v = voice_of(speaker, prompts, std::stod(m), built_s);
      const std::string label = speaker + " " + m + " min";
      if (built_s > 0) bench::report(label + " build", built_s, "s");
      const auto clips = speak(v, held, label);
      write_clips(speaker + "-" + m + "min", clips, held);
      report_scored(label, score(clips, held, recognizer), &real);
      if (m == "2") report_in_set(speaker, v, prompts);
    }
  }
}
