#include <gtest/gtest.h>
#include <cstdio>
#include <cstdlib>
#include "audio/decode.h"
#include "eval/smoothness.h"
#include "support/test_data.h"
namespace echoes::eval {
static std::string line(const audio::Audio& a) {
  auto t = track_periodicity(a);
  std::string s;
  for (size_t i = 0; i < t.speech.size(); ++i) s += !t.speech[i] ? ' ' : t.voiced[i] ? (t.peak[i] > 0.8 ? '#' : '|') : '.';
  return s;
}
TEST(Scratch, Timeline) {
  const char* dir = std::getenv("CLONE_DIR");
  for (const char* id : {"arctic_a0001", "arctic_a0002", "arctic_a0003"}) {
    auto real = audio::decode_audio_file(testing::speech_dir() / "kathleen/audio" / (std::string(id) + ".flac")).audio;
    auto clone = audio::decode_audio_file(std::filesystem::path(dir) / (std::string(id) + ".wav")).audio;
    std::printf("R %s\nC %s\n\n", line(real).c_str(), line(clone).c_str());
  }
}
}
