#include "support/noise_mixing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <stdexcept>

#include <sndfile.h>

#include "audio/decode.h"
#include "support/test_data.h"

namespace echoes::testing {
namespace {

namespace fs = std::filesystem;

fs::path kathleen_prompt(int number) {
  char name[32];
  std::snprintf(name, sizeof name, "arctic_a%04d.flac", number);
  return speech_dir() / "kathleen/audio" / name;
}

std::vector<fs::path> learner_files(const char* speaker) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(speech_dir() / "speechocean" / speaker / "audio")) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

const char* const kLearners[] = {"9600", "9614", "9616", "9649", "8002", "9628"};

SpeechTake single_take(const fs::path& file) { return {file.filename().string(), {file}}; }

SnrGrid grid_of(std::string name, int first_prompt, int prompt_step, const std::vector<std::size_t>& learner_picks,
                std::size_t offset_step) {
  SnrGrid grid{std::move(name), {}, offset_step};
  for (int i = first_prompt; i <= 593; i += prompt_step) grid.takes.push_back(single_take(kathleen_prompt(i)));
  for (const char* speaker : kLearners) {
    const std::vector<fs::path> files = learner_files(speaker);
    for (std::size_t k : learner_picks) grid.takes.push_back(single_take(files.at(k)));
  }
  return grid;
}

// Sentence pause after file `k` of a take: 0.3-0.7 s, deterministic.
double sentence_pause_s(std::size_t k) { return 0.3 + 0.4 * static_cast<double>((k * 7919 + 13) % 101) / 100.0; }

// From the file's header: the takes are decoded once, when they are mixed.
double duration_s(const fs::path& file) {
  SF_INFO info{};
  SNDFILE* handle = sf_open(file.c_str(), SFM_READ, &info);
  if (handle == nullptr) throw std::runtime_error("cannot open " + file.string());
  sf_close(handle);
  return static_cast<double>(info.frames) / info.samplerate;
}

// Cuts `files` (in reading order) into consecutive passages of at least
// kPassageMinDuration_s; a short remainder is dropped. Stops after `max_passages`.
std::vector<SpeechTake> passages_of(const std::vector<fs::path>& files, std::size_t max_passages) {
  std::vector<SpeechTake> passages;
  SpeechTake current;
  double length_s = 0;
  for (const fs::path& file : files) {
    if (passages.size() == max_passages) break;
    if (current.files.empty()) current.name = "passage:" + file.filename().string();
    else length_s += sentence_pause_s(current.files.size() - 1);
    current.files.push_back(file);
    length_s += duration_s(file);
    if (length_s >= kPassageMinDuration_s) {
      passages.push_back(std::move(current));
      current = {};
      length_s = 0;
    }
  }
  return passages;
}

// Kathleen passages with index parity `parity` (of the first 2 * count) and the
// speechocean passages `learner_picks` of every speaker.
SnrGrid passage_grid_of(std::string name, std::size_t parity, std::size_t count,
                        const std::vector<std::size_t>& learner_picks, std::size_t offset_step) {
  SnrGrid grid{std::move(name), {}, offset_step};
  std::vector<fs::path> prompts;
  for (int i = 1; i <= 593; ++i) prompts.push_back(kathleen_prompt(i));
  const std::vector<SpeechTake> kathleen = passages_of(prompts, 2 * count);
  for (std::size_t k = parity; k < kathleen.size(); k += 2) grid.takes.push_back(kathleen[k]);
  for (const char* speaker : kLearners) {
    const std::vector<SpeechTake> passages = passages_of(learner_files(speaker), 3);
    for (std::size_t k : learner_picks) {
      if (k < passages.size()) grid.takes.push_back(passages[k]);
    }
  }
  return grid;
}

}  // namespace

double p56_active_power(std::span<const float> x, int rate_hz) {
  const double g = std::exp(-1.0 / (0.03 * rate_hz));
  std::vector<float> envelope(x.size());
  double p = 0, q = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    p = g * p + (1 - g) * std::fabs(x[i]);
    q = g * q + (1 - g) * p;
    envelope[i] = static_cast<float>(q);
  }
  const auto hangover = static_cast<std::size_t>(0.2 * rate_hz);
  std::vector<float> held(x.size());
  std::deque<std::size_t> window;  // sliding maximum over the hangover
  for (std::size_t i = 0; i < x.size(); ++i) {
    while (!window.empty() && envelope[window.back()] <= envelope[i]) window.pop_back();
    window.push_back(i);
    if (window.front() + hangover < i) window.pop_front();
    held[i] = envelope[window.front()];
  }
  double energy = 0;
  for (float v : x) energy += static_cast<double>(v) * v;
  std::sort(held.begin(), held.end());
  for (double c_db = -100; c_db <= 0; c_db += 0.25) {
    const auto threshold = static_cast<float>(std::pow(10.0, c_db / 20));
    const auto active = static_cast<std::size_t>(held.end() - std::lower_bound(held.begin(), held.end(), threshold));
    if (active == 0) break;
    if (10 * std::log10(energy / active) - c_db <= 15.9) return energy / active;
  }
  return x.empty() ? 0.0 : energy / x.size();
}

SnrGrid snr_test_grid() { return grid_of("test", 1, 59, {0, 7}, 292993); }
SnrGrid snr_held_out_grid() { return grid_of("held-out", 30, 41, {3, 11, 17}, 611953); }
SnrGrid snr_passage_test_grid() { return passage_grid_of("passage test", 0, 6, {0}, 292993); }
SnrGrid snr_passage_held_out_grid() { return passage_grid_of("passage held-out", 1, 6, {1, 2}, 611953); }

audio::Audio load_take(const SpeechTake& take) {
  audio::Audio out;
  for (std::size_t k = 0; k < take.files.size(); ++k) {
    const audio::Audio part = audio::decode_audio_file(take.files[k]).audio;
    out.rate_hz = part.rate_hz;
    if (k > 0) out.samples.resize(out.samples.size() + static_cast<std::size_t>(sentence_pause_s(k - 1) * part.rate_hz), 0.0f);
    out.samples.insert(out.samples.end(), part.samples.begin(), part.samples.end());
  }
  return out;
}

const std::vector<std::string>& snr_noise_names() {
  static const std::vector<std::string> names = {"doing_the_dishes", "dude_miaowing", "exercise_bike",
                                                 "pink_noise",       "running_tap",   "white_noise"};
  return names;
}

bool noise_is_stationary(const std::string& noise_name) {
  return noise_name != "doing_the_dishes" && noise_name != "dude_miaowing";
}

void for_each_snr_mix(const SnrGrid& grid, const std::function<void(const SnrMix&)>& visit) {
  std::vector<audio::Audio> clips;
  for (const SpeechTake& take : grid.takes) clips.push_back(load_take(take));
  std::size_t mix_index = 0;
  for (const std::string& noise_name : snr_noise_names()) {
    const audio::Audio noise = audio::decode_audio_file(speech_dir() / "noise" / (noise_name + ".flac")).audio;
    for (std::size_t c = 0; c < clips.size(); ++c) {
      const std::vector<float>& s = clips[c].samples;
      const double speech_power = p56_active_power(s, clips[c].rate_hz);
      // A different, deterministic stretch of the noise for every mix.
      if (s.size() >= noise.samples.size()) throw std::runtime_error(grid.takes[c].name + " is longer than " + noise_name);
      const std::size_t offset = (++mix_index * grid.offset_step) % (noise.samples.size() - s.size());
      double noise_power = 0;
      for (std::size_t i = 0; i < s.size(); ++i) noise_power += double(noise.samples[offset + i]) * noise.samples[offset + i];
      noise_power /= s.size();
      for (double snr_db : {20.0, 10.0, 5.0}) {
        const double gain = std::sqrt(speech_power / (noise_power * std::pow(10.0, snr_db / 10)));
        SnrMix mix{grid.takes[c].name, noise_name, snr_db, clips[c]};
        for (std::size_t i = 0; i < s.size(); ++i) mix.audio.samples[i] += static_cast<float>(gain * noise.samples[offset + i]);
        visit(mix);
      }
    }
  }
}

double ErrorStats::fraction_within(double limit_db) const {
  if (errors.empty()) return 0.0;
  return static_cast<double>(std::count_if(errors.begin(), errors.end(),
                                           [&](double e) { return std::fabs(e) <= limit_db; })) / errors.size();
}

double ErrorStats::max_abs() const {
  double m = 0;
  for (double e : errors) m = std::max(m, std::fabs(e));
  return m;
}

double ErrorStats::median() const {
  if (errors.empty()) return 0.0;
  std::vector<double> sorted = errors;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  return sorted[sorted.size() / 2];
}

std::string ErrorStats::summary(const std::string& label) const {
  if (errors.empty()) return label + ": no mixes";
  double mean = 0;
  for (double e : errors) mean += e;
  const auto [lo, hi] = std::minmax_element(errors.begin(), errors.end());
  char line[200];
  std::snprintf(line, sizeof line, "%-22s n=%3zu mean %+5.2f median %+5.2f min %+6.2f max %+6.2f  |err|<=3: %5.1f%%",
                label.c_str(), errors.size(), mean / errors.size(), median(), *lo, *hi, 100.0 * fraction_within(3.0));
  return line;
}

}  // namespace echoes::testing
