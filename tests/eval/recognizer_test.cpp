#include "eval/recognizer.h"

#include <cstdint>
#include <fstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "eval_test_util.h"

namespace echoes::eval {
namespace {

Recognizer& shared_recognizer() {
  static Recognizer recognizer;
  return recognizer;
}

audio::Audio read_raw16k(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::int16_t> pcm;
  for (std::int16_t s; in.read(reinterpret_cast<char*>(&s), sizeof s);) pcm.push_back(s);
  audio::Audio a;
  a.rate_hz = 16000;
  for (std::int16_t s : pcm) a.samples.push_back(s / 32768.0f);
  return a;
}

TEST(Recognizer, RecognizesPocketsphinxTestRecording) {
  const auto raw = echoes::testing::pocketsphinx_testdata_dir() / "goforward.raw";
  if (!std::filesystem::exists(raw)) GTEST_SKIP() << "pocketsphinx-testdata is not installed";
  const WordErrors e = shared_recognizer().word_errors(read_raw16k(raw), "go forward ten meters");
  EXPECT_LE(e.rate(), 0.25) << shared_recognizer().recognize(read_raw16k(raw));
}

TEST(Recognizer, NativeReadSpeechHasModerateErrorRate) {
  ECHOES_REQUIRE_SPEECH_DATA();
  WordErrors total;
  for (const auto& [clip, text] : testing::load_clips("kathleen", 500, 4)) total += shared_recognizer().word_errors(clip, text);
  EXPECT_GT(total.reference_words, 20u);
  EXPECT_LT(total.rate(), 0.5);
}

TEST(Recognizer, RejectsEmptyAudio) {
  try {
    shared_recognizer().recognize(audio::Audio{});
    FAIL() << "empty audio was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "empty_audio");
  }
}

TEST(Recognizer, SilenceGivesFewWords) {
  const std::string words = shared_recognizer().recognize(audio::Audio{std::vector<float>(32000, 0.0f), 16000});
  EXPECT_EQ(words.find("sil"), std::string::npos) << words;
  EXPECT_LE(scoring_words(words).size(), 1u) << words;
}

}  // namespace
}  // namespace echoes::eval
