#include "clips.h"

#include <algorithm>
#include <mutex>
#include <string>

#include <flite/flite.h>

#include "audio/decode.h"
#include "audio/resample.h"
#include "support/test_data.h"

extern "C" cst_voice* register_cmu_us_kal16(const char* voxdir);

namespace echoes::watermark::testing {
namespace {

std::vector<std::filesystem::path> flac_files_under(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() == ".flac") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

const char* const kSentences[] = {
    "The quick brown fox jumps over the lazy dog near the river bank.",
    "Please call Stella and ask her to bring these things with her from the store.",
    "We will meet again tomorrow morning at the old railway station.",
    "Every synthesized clip carries a quiet signature that says where it came from.",
    "The weather turned cold and grey as the boat left the harbour.",
    "She reads a chapter of her favourite novel every night before sleeping.",
    "Our team finished the project two weeks ahead of the schedule.",
    "A gentle breeze moved through the tall grass on the hillside.",
    "He counted the coins twice and still found one missing.",
    "The museum opens at nine and closes late on Thursday evenings.",
    "Remember to water the plants while I am away on holiday.",
    "The children laughed as the puppy chased its own tail around the yard.",
    "Bright lights from the city reflected on the calm surface of the lake.",
    "The doctor said that a short walk every day would do me good.",
    "Fresh bread and hot coffee make the best breakfast in the world.",
    "The orchestra played the final movement with remarkable energy.",
    "Nobody expected the small village team to win the championship.",
    "The library has thousands of old maps stored in its basement.",
    "Turn left at the second traffic light and the bakery is on your right.",
    "After the storm, the sky cleared and the stars came out one by one.",
    "Mountains in the distance were covered with the first snow of winter.",
    "My grandmother taught me how to bake apple pie when I was young.",
    "The train was delayed because of a signal failure outside the city.",
    "Scientists measured the temperature of the ocean at many depths.",
};

}  // namespace

std::vector<std::filesystem::path> speech_files(std::size_t count) {
  const auto kathleen = flac_files_under(echoes::testing::speech_dir() / "kathleen" / "audio");
  const auto ocean = flac_files_under(echoes::testing::speech_dir() / "speechocean");
  std::vector<std::filesystem::path> files;
  // Interleave: two Kathleen files per speechocean file, spread through each set.
  const std::size_t stride_k = std::max<std::size_t>(1, kathleen.size() / std::max<std::size_t>(1, count));
  const std::size_t stride_o = std::max<std::size_t>(1, ocean.size() / std::max<std::size_t>(1, count / 3 + 1));
  for (std::size_t i = 0, k = 0, o = 0; files.size() < count && (k < kathleen.size() || o < ocean.size()); ++i) {
    if (i % 3 == 2 && o < ocean.size()) {
      files.push_back(ocean[o]);
      o += stride_o;
    } else if (k < kathleen.size()) {
      files.push_back(kathleen[k]);
      k += stride_k;
    } else if (o < ocean.size()) {
      files.push_back(ocean[o]);
      o += stride_o;
    }
  }
  return files;
}

std::vector<std::filesystem::path> all_speech_files() {
  auto files = flac_files_under(echoes::testing::speech_dir() / "kathleen" / "audio");
  const auto ocean = flac_files_under(echoes::testing::speech_dir() / "speechocean");
  files.insert(files.end(), ocean.begin(), ocean.end());
  return files;
}

std::vector<std::filesystem::path> noise_files() {
  return flac_files_under(echoes::testing::speech_dir() / "noise");
}

audio::Audio load_clip(const std::filesystem::path& path) {
  return audio::decode_audio_file(path).audio;
}

std::vector<audio::Audio> flite_clips(std::size_t count) {
  static std::once_flag once;
  static cst_voice* voice = nullptr;
  std::call_once(once, [] {
    flite_init();
    voice = register_cmu_us_kal16(nullptr);
  });
  std::vector<audio::Audio> clips;
  const std::size_t n_sentences = sizeof(kSentences) / sizeof(kSentences[0]);
  for (std::size_t i = 0; i < count; ++i) {
    cst_wave* wave = flite_text_to_wave(kSentences[i % n_sentences], voice);
    std::vector<float> samples(static_cast<std::size_t>(wave->num_samples));
    for (std::size_t s = 0; s < samples.size(); ++s) samples[s] = wave->samples[s] / 32768.0f;
    clips.push_back({audio::resample(samples, wave->sample_rate, audio::kWorkingRateHz), audio::kWorkingRateHz});
    delete_wave(wave);
  }
  return clips;
}

}  // namespace echoes::watermark::testing
