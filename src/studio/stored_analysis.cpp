#include "studio/stored_analysis.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "quality/analysis_json.h"
#include "quality/prosody_json.h"
#include "text/flite_front_end.h"
#include "text/passages.h"

namespace echoes::studio {
namespace {

nlohmann::json parse_or_empty(const std::string& text) {
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_object() ? parsed : nlohmann::json::object();
}

double number_or(const nlohmann::json& object, const char* key, double fallback) {
  const auto found = object.find(key);
  return found != object.end() && found->is_number() ? found->get<double>() : fallback;
}

// Syllables of a passage's text, for speaking-rate measures. The front end runs once
// per passage per process; the result never changes.
int passage_syllables(const std::string& passage_id) {
  static std::mutex mutex;
  static std::map<std::string, int> cache;
  std::lock_guard lock(mutex);
  if (const auto found = cache.find(passage_id); found != cache.end()) return found->second;
  const text::Passage* passage = text::find_passage(passage_id);
  const int syllables = passage ? text::FliteFrontEnd().analyze(passage->text).syllable_count : 0;
  cache[passage_id] = syllables;
  return syllables;
}

// Only what was read counts: the read seconds, the read text, and the passage only when
// the take is complete. Syllables scale with the share of sentences read (an estimate).
void apply_read_along(const ReadAlongCheck& check, quality::RecordingSummary& summary) {
  if (!check.checked) return;
  summary.complete = check.complete;
  if (summary.duration_s > 0.0 && check.read_duration_s < summary.duration_s) {
    summary.speech_duration_s *= check.read_duration_s / summary.duration_s;
    summary.duration_s = check.read_duration_s;
  }
  std::string read_text;
  for (const ReadRun& run : check.runs) read_text += (read_text.empty() ? "" : " ") + run.text;
  summary.read_text = read_text;
  if (!check.sentences.empty()) {
    summary.syllable_count = static_cast<int>(summary.syllable_count * static_cast<double>(check.sentences_read) /
                                              static_cast<double>(check.sentences.size()));
  }
}

}  // namespace

nlohmann::json make_stored_analysis(const audio::DecodedAudio& decoded,
                                    const quality::RecordingAnalysis& analysis,
                                    const quality::ProsodyFeatures& prosody,
                                    const quality::VoiceSignature& signature,
                                    const ReadAlongCheck& read_along) {
  nlohmann::json analysis_json = quality::analysis_to_json(analysis);
  analysis_json["readAlong"] = read_along_to_json(read_along);
  return {{"analysis", analysis_json},
          {"prosody", quality::prosody_to_json(prosody)},
          {"voiceSignature", quality::voice_signature_to_json(signature)},
          {"source", {{"container", decoded.container},
                      {"encoding", decoded.encoding},
                      {"rateHz", decoded.source_rate_hz},
                      {"channels", decoded.source_channels},
                      {"durationSec", decoded.source_duration_s}}}};
}

quality::RecordingSummary summary_from_record(const store::RecordingRecord& record) {
  const nlohmann::json stored = parse_or_empty(record.analysis_json);
  const nlohmann::json analysis = stored.value("analysis", nlohmann::json::object());
  quality::RecordingSummary summary;
  summary.recording_id = record.id;
  summary.passage_id = record.passage_id;
  summary.duration_s = record.duration_s;
  summary.speech_duration_s = number_or(analysis, "speechDurationSec", 0.0);
  summary.quality_score = record.files_missing ? 0.0 : number_or(analysis, "qualityScore", 0.0);
  summary.rms_dbfs = number_or(analysis, "rmsDbfs", 0.0);
  summary.noise_floor_dbfs = number_or(analysis, "noiseFloorDbfs", 0.0);
  if (stored.contains("prosody")) summary.prosody = quality::prosody_from_json(stored["prosody"]);
  if (stored.contains("voiceSignature")) summary.voice = quality::voice_signature_from_json(stored["voiceSignature"]);
  summary.syllable_count = passage_syllables(record.passage_id);
  apply_read_along(read_along_from_json(analysis.value("readAlong", nlohmann::json::object())), summary);
  return summary;
}

ReadAlongCheck stored_read_along(const store::RecordingRecord& record) {
  const nlohmann::json analysis = parse_or_empty(record.analysis_json).value("analysis", nlohmann::json::object());
  return read_along_from_json(analysis.value("readAlong", nlohmann::json::object()));
}

std::vector<ReadRun> stored_read_runs(const store::RecordingRecord& record) {
  const ReadAlongCheck check = stored_read_along(record);
  if (!check.checked || check.sentences_read == static_cast<int>(check.sentences.size())) {
    return {ReadRun{stored_transcript(record), 0.0, 0.0}};
  }
  return check.complete ? check.runs : std::vector<ReadRun>{};
}

std::string stored_transcript(const store::RecordingRecord& record) {
  const nlohmann::json stored = parse_or_empty(record.analysis_json);
  const auto transcript = stored.find("transcript");
  if (transcript != stored.end() && transcript->is_string()) return transcript->get<std::string>();
  const text::Passage* passage = text::find_passage(record.passage_id);
  return passage ? passage->text : "";
}

std::string stored_container(const store::RecordingRecord& record) {
  const nlohmann::json stored = parse_or_empty(record.analysis_json);
  const auto source = stored.value("source", nlohmann::json::object());
  const auto container = source.find("container");
  return container != source.end() && container->is_string() ? container->get<std::string>() : "";
}

nlohmann::json recording_to_json(const store::RecordingRecord& record) {
  const nlohmann::json stored = parse_or_empty(record.analysis_json);
  return {{"id", record.id},
          {"passageId", record.passage_id},
          {"filename", record.original_filename},
          {"sizeBytes", record.size_bytes},
          {"durationSec", record.duration_s},
          {"sha256", record.sha256},
          {"createdAt", record.created_at},
          {"filesMissing", record.files_missing},
          {"analysis", stored.value("analysis", nlohmann::json::object())},
          {"source", stored.value("source", nlohmann::json::object())},
          {"transcript", stored.contains("transcript") ? stored["transcript"] : nlohmann::json(nullptr)},
          {"audioUrl", "/api/voice/recordings/" + record.id + "/audio"}};
}

}  // namespace echoes::studio
