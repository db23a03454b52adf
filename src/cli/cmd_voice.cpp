// `echoes voice build` and `echoes say`: build a voice from a manifest, speak text with it.
#include <cmath>
#include <cstdlib>
#include <memory>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "audio/encode.h"
#include "cli/commands.h"
#include "common/error.h"
#include "engines/watermarking_engine.h"
#include "synth/engine.h"
#include "synth/synthesizer.h"
#include "voice/build.h"
#include "voice/build_report_json.h"
#include "voice/manifest.h"
#include "voice/voice_file.h"

namespace echoes::cli {
namespace {

void print_progress(double fraction, const std::string& message) {
  std::fprintf(stderr, "[%3d%%] %s\n", static_cast<int>(std::lround(fraction * 100.0)), message.c_str());
}

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out) throw Error(error_code::kInternal, "The build report could not be written.");
}

void ensure_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    throw Error(error_code::kInvalidArgument, "The output folder cannot be created.");
  }
}

synth::SynthesisOptions synthesis_options(const SayArgs& args) {
  synth::SynthesisOptions options;
  options.quality = synth::parse_quality(args.quality);
  options.speed = args.speed;
  return options;
}

/// Lines `<id>\t<text>`; ids become file names, so they are checked for path characters.
std::vector<std::pair<std::string, std::string>> read_texts(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error(error_code::kNotFound, "The texts file cannot be read.");
  std::vector<std::pair<std::string, std::string>> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const auto tab = line.find('\t');
    const std::string id = line.substr(0, tab);
    if (tab == std::string::npos || id.empty() || id.find_first_of("/\\") != std::string::npos || id == "." ||
        id == "..") {
      throw Error(error_code::kInvalidArgument,
                  "Texts line " + std::to_string(number) + " must be <id><TAB><text> with an id usable as a file name.");
    }
    out.emplace_back(id, line.substr(tab + 1));
  }
  return out;
}

}  // namespace

int voice_build_command(const VoiceBuildArgs& args) {
  const auto entries = voice::read_manifest(args.manifest);
  std::fprintf(stderr, "[  0%%] loading %zu recordings\n", entries.size());
  const auto utterances = voice::load_training_utterances(entries);
  voice::BuildOptions options;
  options.name = !args.name.empty() ? args.name
                 : !args.out_dir.filename().empty() ? args.out_dir.filename().string()
                                                    : args.out_dir.parent_path().filename().string();
  if (options.name.empty()) options.name = "voice";
  voice::BuildReport report;
  const voice::VoiceModel model = voice::build_voice(utterances, options, print_progress, &report);
  ensure_folder(args.out_dir);
  voice::save_voice(model, args.out_dir / voice::kVoiceFileName);
  nlohmann::json report_json = voice::build_report_to_json(report);
  report_json["consent"] = "none attached (operator build)";  // operator builds skip the consent gate (docs/consent.md)
  write_text_file(args.out_dir / voice::kBuildReportFileName, report_json.dump(2) + "\n");
  std::fprintf(stderr, "voice built in %.1f s: %d of %d recordings used (%.1f s of speech), %d units, %d/%d phones\n",
               report.build_s, report.utterances_used, report.utterances_offered, report.stored_audio_s,
               report.units, report.phones_covered, report.phones_total);
  if (!report.missing_phones.empty()) {
    std::string missing, filled;
    for (const auto& p : report.missing_phones) missing += " " + p;
    for (const auto& p : report.filled_in_phones) filled += " " + p;
    std::fprintf(stderr, "  phones the recordings lack:%s (filled in from a stock voice moved toward this one:%s)\n",
                 missing.c_str(), filled.empty() ? " none" : filled.c_str());
  }
  for (const auto& e : report.excluded) std::fprintf(stderr, "  excluded %s: %s\n", e.id.c_str(), e.reason.c_str());
  for (const auto& e : report.partly_used) {
    std::fprintf(stderr, "  partly used %s (only the words that match): %s\n", e.id.c_str(), e.reason.c_str());
  }
  return 0;
}

int say_command(const SayArgs& args) {
  if (args.text.has_value() == !args.texts_file.empty()) {
    throw Error(error_code::kInvalidArgument, "Give either --text (with --out) or --texts (with --out-dir).");
  }
  const auto options = synthesis_options(args);
  // The same path as the server: the embedded engine, with every clip watermarked
  // (key from ECHOES_WATERMARK_KEY, as `echoes watermark detect` reads it).
  watermark::WatermarkOptions marking;
  if (const char* key = std::getenv("ECHOES_WATERMARK_KEY"); key && *key) marking.key = key;
  const auto embedded = std::make_shared<synth::EmbeddedEngine>(1);
  const std::string voice = args.voice.string();
  embedded->voice(voice);  // load now: a bad voice folder fails once, clearly
  engines::WatermarkingEngine engine(embedded, marking);
  if (args.text) {
    if (args.out.empty()) throw Error(error_code::kInvalidArgument, "--text needs --out FILE.wav.");
    audio::write_audio_file(args.out, engine.synthesize(voice, *args.text, options), audio::AudioFileFormat::wav_pcm16);
    return 0;
  }
  if (args.out_dir.empty()) throw Error(error_code::kInvalidArgument, "--texts needs --out-dir DIR.");
  ensure_folder(args.out_dir);
  int failures = 0;
  for (const auto& [id, text] : read_texts(args.texts_file)) {
    try {
      const auto speech = engine.synthesize(voice, text, options);
      audio::write_audio_file(args.out_dir / (id + ".wav"), speech, audio::AudioFileFormat::wav_pcm16);
    } catch (const Error& e) {
      ++failures;
      std::fprintf(stderr, "echoes: %s: %s\n", id.c_str(), e.what());
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace echoes::cli
