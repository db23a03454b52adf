#include "server/voice_builder.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "studio/training_audio.h"
#include "voice/build.h"
#include "voice/build_report_json.h"
#include "voice/voice_file.h"

namespace echoes::server {
namespace {

std::vector<voice::TrainingUtterance> load_utterances(const std::vector<studio::TrainingUtterance>& recordings) {
  std::vector<voice::TrainingUtterance> utterances;
  for (const auto& recording : recordings) {
    voice::TrainingUtterance utterance;
    utterance.id = recording.recording_id;
    if (recording.end_s > recording.start_s) utterance.id += "@" + std::to_string(static_cast<int>(recording.start_s * 1000));
    utterance.transcript = recording.transcript;
    try {
      utterance.audio = studio::load_training_audio(recording);
    } catch (const Error& e) {
      utterance.load_error = e.what();
    }
    utterances.push_back(std::move(utterance));
  }
  return utterances;
}

}  // namespace

// The embedded engine's build: align every recording to its passage text, cut units,
// learn the prosody model, write VOICE_DIR/voice.echoes-voice and its build report.
studio::VoiceBuilder make_voice_builder() {
  return [](const std::vector<studio::TrainingUtterance>& recordings, const std::filesystem::path& voice_dir,
            const studio::BuildProgress& progress) -> std::string {
    progress(0.02, "Loading your recordings");
    const auto utterances = load_utterances(recordings);
    voice::BuildReport report;
    const auto on_progress = [&progress](double fraction, const std::string& message) {
      progress(0.05 + 0.9 * fraction, message);
    };
    const voice::VoiceModel model = voice::build_voice(utterances, {}, on_progress, &report);
    std::filesystem::create_directories(voice_dir);
    voice::save_voice(model, voice_dir / voice::kVoiceFileName);
    const nlohmann::json report_json = voice::build_report_to_json(report);
    std::ofstream(voice_dir / voice::kBuildReportFileName) << report_json.dump(2);
    progress(1.0, "Your voice is ready");
    return report_json.dump();
  };
}

}  // namespace echoes::server
