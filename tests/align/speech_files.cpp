#include "speech_files.h"

#include <fstream>
#include <stdexcept>

#include <sndfile.h>

namespace echoes::align::corpus {

audio::Audio load_audio(const std::filesystem::path& path) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (!file) throw std::runtime_error("cannot open " + path.string());
  std::vector<float> interleaved(static_cast<std::size_t>(info.frames) * info.channels);
  sf_readf_float(file, interleaved.data(), info.frames);
  sf_close(file);
  audio::Audio out;
  out.rate_hz = info.samplerate;
  out.samples.resize(static_cast<std::size_t>(info.frames));
  for (sf_count_t i = 0; i < info.frames; ++i) {
    float sum = 0.0f;
    for (int c = 0; c < info.channels; ++c) sum += interleaved[i * info.channels + c];
    out.samples[i] = sum / info.channels;
  }
  return out;
}

std::vector<Utterance> read_corpus(const std::filesystem::path& dir) {
  std::ifstream in(dir / "transcripts.tsv");
  std::vector<Utterance> out;
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string id = line.substr(0, tab);
    out.push_back({id, line.substr(tab + 1), dir / "audio" / (id + ".flac")});
  }
  return out;
}

}  // namespace echoes::align::corpus
