#include "studio/read_along.h"

#include <algorithm>

#include "align/transcript.h"
#include "text/sentences.h"

namespace echoes::studio {
namespace {

// Duration-weighted mean match of each sentence's aligned words, with its span. A sentence
// is read when all its words are on the path and they sound like the text; a sentence begun
// but not finished, or not sounding like the text, is misread.
void measure_sentences(const align::Alignment& alignment, const std::vector<std::size_t>& word_counts,
                       std::vector<SentenceReading>& readings) {
  std::vector<double> weighted(readings.size(), 0.0);
  std::vector<double> seconds(readings.size(), 0.0);
  std::vector<std::size_t> words(readings.size(), 0);
  for (const align::AlignedWord& word : alignment.words) {
    if (word.sentence_index < 0 || static_cast<std::size_t>(word.sentence_index) >= readings.size()) continue;
    SentenceReading& reading = readings[word.sentence_index];
    const double d = std::max(word.end_s - word.start_s, 0.0);
    if (seconds[word.sentence_index] == 0.0) reading.start_s = word.start_s;
    reading.end_s = word.end_s;
    weighted[word.sentence_index] += d * word.match_per_frame;
    seconds[word.sentence_index] += d;
    ++words[word.sentence_index];
  }
  for (std::size_t i = 0; i < readings.size(); ++i) {
    if (words[i] == 0) continue;
    if (seconds[i] > 0.0) readings[i].match_score = weighted[i] / seconds[i];
    const bool whole = words[i] >= word_counts[i];
    readings[i].status = whole && readings[i].match_score >= kMinSentenceMatchScore ? "read" : "misread";
  }
}

std::vector<ReadRun> read_runs(const std::vector<SentenceReading>& readings, double take_duration_s) {
  std::vector<ReadRun> runs;
  bool in_run = false;
  for (const SentenceReading& reading : readings) {
    if (reading.status != "read") {
      in_run = false;
      continue;
    }
    if (!in_run) runs.push_back({"", std::max(0.0, reading.start_s - kReadRunPadding_s), 0.0});
    in_run = true;
    ReadRun& run = runs.back();
    run.text += (run.text.empty() ? "" : " ") + reading.text;
    run.end_s = std::min(take_duration_s, reading.end_s + kReadRunPadding_s);
  }
  return runs;
}

}  // namespace

align::AlignerOptions read_along_aligner_options() {
  align::AlignerOptions options;
  options.beam = 1e-150;
  options.phone_beam = 1e-150;
  options.word_beam = 1e-150;
  return options;
}

std::vector<std::string> reading_sentences(const std::string& text) {
  std::vector<std::string> sentences;
  for (std::string& sentence : text::split_sentences(text)) {
    if (!align::normalize_transcript(sentence).empty()) sentences.push_back(std::move(sentence));
  }
  return sentences;
}

ReadAlongCheck check_read_along(const align::Alignment& alignment, const std::vector<std::string>& sentences,
                                double take_duration_s) {
  ReadAlongCheck check;
  check.checked = true;
  std::vector<std::size_t> word_counts;
  for (const std::string& text : sentences) {
    check.sentences.push_back({text});
    word_counts.push_back(align::normalize_transcript(text).size());
  }
  measure_sentences(alignment, word_counts, check.sentences);
  for (const SentenceReading& reading : check.sentences) check.sentences_read += reading.status == "read" ? 1 : 0;
  const int count = static_cast<int>(check.sentences.size());
  check.complete = count > 0 && check.sentences_read >= kMinReadFraction * count;
  check.runs = read_runs(check.sentences, take_duration_s);
  if (check.sentences_read == count) {
    check.read_duration_s = take_duration_s;
  } else {
    for (const ReadRun& run : check.runs) check.read_duration_s += run.end_s - run.start_s;
  }
  return check;
}

std::string read_along_message(const ReadAlongCheck& check) {
  const std::string read = std::to_string(check.sentences_read);
  const std::string count = std::to_string(check.sentences.size());
  if (!check.complete) return "Incomplete \u2014 " + read + " of " + count + " sentences read.";
  if (check.sentences_read == static_cast<int>(check.sentences.size())) return "All " + count + " sentences read.";
  return read + " of " + count + " sentences read.";
}

nlohmann::json read_along_to_json(const ReadAlongCheck& check) {
  if (!check.checked) return {{"checked", false}, {"reason", check.reason}};
  nlohmann::json sentences = nlohmann::json::array();
  for (const SentenceReading& s : check.sentences) {
    sentences.push_back({{"text", s.text}, {"status", s.status}, {"startSec", s.start_s},
                         {"endSec", s.end_s}, {"matchScore", s.match_score}});
  }
  nlohmann::json runs = nlohmann::json::array();
  for (const ReadRun& run : check.runs) runs.push_back({{"text", run.text}, {"startSec", run.start_s}, {"endSec", run.end_s}});
  return {{"checked", true},
          {"complete", check.complete},
          {"sentencesRead", check.sentences_read},
          {"sentenceCount", check.sentences.size()},
          {"readDurationSec", check.read_duration_s},
          {"minReadFraction", kMinReadFraction},
          {"message", read_along_message(check)},
          {"sentences", sentences},
          {"runs", runs}};
}

ReadAlongCheck read_along_from_json(const nlohmann::json& json) {
  ReadAlongCheck check;
  if (!json.is_object() || !json.value("checked", false)) {
    if (json.is_object()) check.reason = json.value("reason", "");
    return check;
  }
  check.checked = true;
  check.complete = json.value("complete", true);
  check.sentences_read = json.value("sentencesRead", 0);
  check.read_duration_s = json.value("readDurationSec", 0.0);
  for (const auto& s : json.value("sentences", nlohmann::json::array())) {
    if (!s.is_object()) continue;
    check.sentences.push_back({s.value("text", ""), s.value("status", "skipped"), s.value("startSec", 0.0),
                               s.value("endSec", 0.0), s.value("matchScore", 0.0)});
  }
  for (const auto& r : json.value("runs", nlohmann::json::array())) {
    if (r.is_object()) check.runs.push_back({r.value("text", ""), r.value("startSec", 0.0), r.value("endSec", 0.0)});
  }
  return check;
}

}  // namespace echoes::studio
