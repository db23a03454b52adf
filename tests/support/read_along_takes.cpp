#include "support/read_along_takes.h"

#include <algorithm>
#include <fstream>

#include "audio/decode.h"
#include "support/test_data.h"
#include "text/sentences.h"

namespace echoes::testing {
namespace {

constexpr double kPause_s = 0.3;

void append(audio::Audio& to, const audio::Audio& clip, bool pause_before) {
  to.rate_hz = clip.rate_hz;
  if (pause_before) to.samples.insert(to.samples.end(), static_cast<std::size_t>(kPause_s * clip.rate_hz), 0.0f);
  to.samples.insert(to.samples.end(), clip.samples.begin(), clip.samples.end());
}

std::string with_final_punctuation(std::string text) {
  if (!text.empty() && std::string(".!?").find(text.back()) == std::string::npos) text += ".";
  return text;
}

}  // namespace

std::string ReadingPassage::text() const {
  std::string joined;
  for (const auto& s : sentences) joined += (joined.empty() ? "" : " ") + s;
  return joined;
}

int ReadingTake::sentences_read() const { return static_cast<int>(std::count(read.begin(), read.end(), true)); }

ReadingPassage reading_passage(const std::string& speaker, int first, int count) {
  ReadingPassage passage{speaker, {}, {}};
  std::ifstream tsv(speech_dir() / speaker / "transcripts.tsv");
  int index = 0;
  for (std::string line; std::getline(tsv, line) && static_cast<int>(passage.sentences.size()) < count; ++index) {
    if (index < first) continue;
    const auto tab = line.find('\t');
    const std::string text = with_final_punctuation(line.substr(tab + 1));
    if (text::split_sentences(text).size() != 1) continue;
    passage.sentences.push_back(text);
    passage.clips.push_back(audio::decode_audio_file(speech_dir() / speaker / "audio" / (line.substr(0, tab) + ".flac")).audio);
  }
  return passage;
}

ReadingTake complete_take(const ReadingPassage& passage) {
  ReadingTake take{"complete", {}, std::vector<bool>(passage.sentences.size(), true)};
  for (std::size_t i = 0; i < passage.clips.size(); ++i) append(take.audio, passage.clips[i], i > 0);
  return take;
}

ReadingTake cut_take(const ReadingPassage& passage, double fraction) {
  ReadingTake take = complete_take(passage);
  take.kind = "cut " + std::to_string(static_cast<int>(fraction * 100 + 0.5)) + "%";
  const std::size_t keep = static_cast<std::size_t>(fraction * take.audio.samples.size());
  std::size_t end = 0;  // where each clip ends in the complete take
  for (std::size_t i = 0; i < passage.clips.size(); ++i) {
    end += (i > 0 ? static_cast<std::size_t>(kPause_s * passage.clips[i].rate_hz) : 0) + passage.clips[i].samples.size();
    take.read[i] = end <= keep;
  }
  take.audio.samples.resize(keep);
  return take;
}

ReadingTake dropped_take(const ReadingPassage& passage, const std::vector<int>& dropped) {
  ReadingTake take{"dropped " + std::to_string(dropped.size()), {}, std::vector<bool>(passage.sentences.size(), true)};
  for (std::size_t i = 0; i < passage.clips.size(); ++i) {
    if (std::find(dropped.begin(), dropped.end(), static_cast<int>(i)) != dropped.end()) {
      take.read[i] = false;
      continue;
    }
    append(take.audio, passage.clips[i], !take.audio.samples.empty());
  }
  return take;
}

ReadingTake swapped_take(const ReadingPassage& passage, const std::vector<int>& swapped, const ReadingPassage& other) {
  ReadingTake take{"swapped " + std::to_string(swapped.size()), {}, std::vector<bool>(passage.sentences.size(), true)};
  for (std::size_t i = 0; i < passage.clips.size(); ++i) {
    const bool swap = std::find(swapped.begin(), swapped.end(), static_cast<int>(i)) != swapped.end();
    if (swap) take.read[i] = false;
    append(take.audio, swap ? other.clips[i % other.clips.size()] : passage.clips[i], i > 0);
  }
  return take;
}

}  // namespace echoes::testing
